# Shared by the bench scripts (sourced, not run).

# The JVM to measure: the newest JDK under /usr/lib/jvm, else `java`.
newest_java() {
  local best=java best_major=0 j major
  for j in /usr/lib/jvm/*/bin/java; do
    major=$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ -n "$major" ] && [ "${major%%.*}" -gt "$best_major" ]; then best=$j; best_major=${major%%.*}; fi
  done
  echo "$best"
}

# This box's speed varies by up to 2x from hour to hour: a fixed single-core task, timed before
# and after, tells which figures are comparable (MiB/s of sha256).
box_speed() {
  local t0 t1
  t0=$(date +%s.%N)
  head -c 1073741824 /dev/zero | sha256sum > /dev/null
  t1=$(date +%s.%N)
  echo "scale=0; 1024 / ($t1 - $t0)" | bc
}

# The median of the numbers on standard input, one a line or several a line separated by spaces.
median() { tr -s ' \t' '\n' | sort -n | awk 'NF {v[++n] = $1} END {print v[int((n + 1) / 2)]}'; }

# The memory of the server the calling script started (its PID, run by its JAVA), in KiB: its RSS, and its heap in
# use after a full collection (ParallelGC and G1 print "total …K, used …K" per space, ZGC "ZHeap used …M").
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
heap_used_kb() {
  local jcmd; jcmd="$(dirname "$JAVA")/jcmd"
  [ -x "$jcmd" ] || jcmd=jcmd
  "$jcmd" "$PID" GC.run > /dev/null 2>&1 || true
  "$jcmd" "$PID" GC.heap_info 2>/dev/null | awk '/total|ZHeap/ {
    for (i = 1; i < NF; i++) if ($i == "used") {
      v = $(i + 1); gsub(",", "", v); unit = substr(v, length(v)); n = substr(v, 1, length(v) - 1) + 0
      s += unit == "G" ? n * 1048576 : unit == "M" ? n * 1024 : n
    }
  } END {print s + 0}'
}
