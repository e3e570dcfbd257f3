-- Paced load for wrk: every connection waits a random time between its requests so that all
-- connections together offer about RATE requests a second (env RATE and CONNS, default 1000 / 40).
-- wrk alone runs flat out, which measures the maximum throughput; this measures the latency at a
-- given load. wrk counts latency from sending a request to its response, so the pause is not in it.
local rate = tonumber(os.getenv("RATE") or "1000")
local conns = tonumber(os.getenv("CONNS") or "40")
-- mean pause per connection in ms; a bit less than conns/rate because each request takes time too
local pause = 1000 * conns / rate * 0.88

function setup(thread)
  math.randomseed(os.time() + tonumber(tostring(thread):match("0x(%x+)") or "0", 16))
end

function delay()
  return math.random(0, math.floor(2 * pause))
end
