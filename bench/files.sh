#!/usr/bin/env bash
# Files over WebDAV: Schulhaus (/dav/files/<sign-in>/, an app password of scope files) against Apache
# httpd with mod_dav_fs on the same box, both on loopback, each figure for both and the ratio
# Schulhaus/Apache:
#  - PROPFIND depth 1 on a folder of FILES (10,000) small files, made by parallel PUTs; median of RUNS,
#  - PUT and GET of a 1 GiB file (BIG_MB, throughput in MiB/s, GET to /dev/null; a third GET compares the bytes): the
#    median of BIG_RUNS (3) PUTs of a new file each, the servers taking turns, with the server's CPU seconds for each
#    (one server's single PUTs took 133-369 MiB/s a minute apart on the same box, bench/RESULTS.md 2026-12-01 20:00),
#  - SMALL (1,000) PUTs of 4 KiB by 8 parallel clients (PUTs per second; median of SMALL_RUNS (3) runs after WARM_SMALL
#    (30,000) PUTs, for both servers: a running server's rate. On 2 cores the JIT compiles the write path for the first
#    30-40 s of this traffic, C2 busy 50-70 % of a core, and settles after that (JFR compilation events, bench/RESULTS.md
#    2026-12-01 17:08); the cold rate shows in the creation of the FILES files just after the start),
#  - the Schulhaus JVM meanwhile: peak RSS and heap used (jstat) while the 1 GiB file goes up and down
#    (BIG_MB=5120: the issue's 5 GB file; the disk needs 2 * BIG_RUNS + 1 times that free, for the source and both
#    servers' copies; with BIG_RUNS=1 three times).
# Phase by phase, the servers take turns (the box's speed drifts within minutes); before each 1 GiB PUT the disk is synced.
# Apache runs without authentication (its DAV folder is a temp dir); Schulhaus checks the app password
# on every request, which is part of what a client pays there.
# Needs: a JDK, curl, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), apache2 (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh

FILES=${FILES:-10000}
SMALL=${SMALL:-1000}
SMALL_RUNS=${SMALL_RUNS:-3}
WARM_SMALL=${WARM_SMALL:-30000}
RUNS=${RUNS:-5}
BIG_MB=${BIG_MB:-1024}
BIG_RUNS=${BIG_RUNS:-3}
PARALLEL=${PARALLEL:-8}
PORT=${PORT:-18090}
APACHE_PORT=${APACHE_PORT:-18091}
JAVA=${JAVA:-$(newest_java)}
JAVA_BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")
# the same flags as bench/platform.sh: the heap may grow to 448 MB, the target is what it needs
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx448m -XX:MaxMetaspaceSize=160m -XX:+UseParallelGC -Xss512k}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
PASSWORD="Kompass-Laterne-Quitte-2026"
DB="schulhaus_files_$(date +%s)_$$"
WORK=$(mktemp -d)
PID=""
SAMPLER=""
JSTAT=""

command -v apache2 >/dev/null || [ -x /usr/sbin/apache2 ] || apt-get install -y -qq apache2 >/dev/null 2>&1 \
  || { echo "please install apache2"; exit 1; }
# a jar older than the sources would measure yesterday's code: build it again then
# JAR=<path> measures another build (say the one before a change, copied aside) without building
JAR=${JAR:-target/schulhaus.jar}
if [ "$JAR" = target/schulhaus.jar ] && { [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; }; then
  flock /tmp/mvn.lock ./mvnw -o -q -B -DskipTests package
fi

cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$JSTAT" ] && kill "$JSTAT" 2>/dev/null || true
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  [ -f "$WORK/apache/httpd.pid" ] && kill "$(cat "$WORK/apache/httpd.pid")" 2>/dev/null && sleep 1 || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "box_speed.sha256_mib_per_s.before=$(box_speed)"

# --- Apache httpd with mod_dav_fs, its own config, run as www-data (it refuses root) ---
mkdir -p "$WORK/apache/dav" "$WORK/apache/lock" "$WORK/codes"
chown -R www-data:www-data "$WORK/apache/dav" "$WORK/apache/lock"
chmod 755 "$WORK" "$WORK/apache"
M=/usr/lib/apache2/modules
cat > "$WORK/apache/httpd.conf" <<EOF
ServerRoot /etc/apache2
ServerName 127.0.0.1
Listen 127.0.0.1:$APACHE_PORT
PidFile $WORK/apache/httpd.pid
ErrorLog $WORK/apache/error.log
LogLevel warn
Mutex file:$WORK/apache default
User www-data
Group www-data
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule unixd_module $M/mod_unixd.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule dav_module $M/mod_dav.so
LoadModule dav_fs_module $M/mod_dav_fs.so
StartServers 2
ThreadsPerChild 25
MaxRequestWorkers 100
KeepAlive On
# Debian's default limit is 1 GiB; no limit, as on the Schulhaus side
LimitRequestBody 0
DavLockDB $WORK/apache/lock/DavLock
DocumentRoot $WORK/apache/dav
<Directory $WORK/apache/dav>
  Dav On
  Require all granted
</Directory>
EOF
# mod_unixd is built into Debian's apache2 binary: drop its LoadModule line if so
/usr/sbin/apache2 -l | grep -q mod_unixd.c && sed -i '/unixd_module/d' "$WORK/apache/httpd.conf"
( set +u; source /etc/apache2/envvars; /usr/sbin/apache2 -f "$WORK/apache/httpd.conf" -k start )
APACHE="http://127.0.0.1:$APACHE_PORT"
for _ in $(seq 1 50); do curl -fs -o /dev/null "$APACHE/" && break; sleep 0.1; done

# --- Schulhaus, production mode on a throwaway database, as bench/platform.sh starts it ---
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $DB"
SCHULHAUS_MODE=production SCHULHAUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SCHULHAUS_DB_USER=postgres \
  SCHULHAUS_DATA_DIR="$WORK/data" SCHULHAUS_OPERATOR_TOKEN="$TOKEN" SCHULHAUS_OPERATOR_PASSWORD="$PASSWORD-operator" \
  SERVER_PORT=$PORT SCHULHAUS_BASE_URL="$BASE" SCHULHAUS_ALLOW_INSECURE_HTTP=true \
  SCHULHAUS_SECRET_KEY="bench-secret-key-$(hostname)-0123456789abcdef" \
  "$JAVA" $JAVA_OPTS -jar "$JAR" > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 1200); do
  curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
  sleep 0.1
done
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
school=$(api -d '{"name":"Bench-Schule Dateien","schoolNumber":"790001","type":"GESAMTSCHULE"}' "$BASE/api/v1/schools" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
# No operator API sets a school's quotas (school admins do it in the web UI): SQL on the bench database,
# 20 GiB per teacher so the 1 GiB file and its replacement fit beside the small files.
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "update school set teacher_files_quota_mb = 20480 where id = '$school'"
login=$(api -d "{\"firstName\":\"Datei\",\"lastName\":\"Bank\",\"role\":\"TEACHER\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/v1/schools/$school/users" | sed -E 's/.*"login":"([^"]+)".*/\1/')
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "update account set must_change_password = false where login = '$login'"
app=$(curl -fsS -u "$login:$PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"label\":\"bench\",\"scopes\":[\"files\"],\"password\":\"$PASSWORD\"}" "$BASE/api/v1/me/app-passwords" \
  | sed -E 's/.*"password":"([^"]+)".*/\1/')
printf 'user = "%s:%s"\n' "$login" "$app" > "$WORK/schulhaus.curlrc"
: > "$WORK/apache.curlrc"
SCHULHAUS_DAV="$BASE/dav/files/$login"

# $1: schulhaus|apache; the folder's URL and curl's config (credentials) for that server
dav_root() { if [ "$1" = schulhaus ]; then echo "$SCHULHAUS_DAV"; else echo "$APACHE"; fi; }
dav() { local who=$1; shift; curl -sS -K "$WORK/$who.curlrc" "$@"; }
ratio() { echo "scale=2; $1 / $2" | bc; }

head -c 4096 /dev/urandom > "$WORK/small.bin"
head -c 100 /dev/urandom > "$WORK/tiny.bin"
echo "making $BIG_MB MiB of random data ..." >&2
head -c $((BIG_MB * 1048576)) /dev/urandom > "$WORK/big.bin"

# PUTs of $3 files named $4-<n> from $2 into folder many/ of server $1: $PARALLEL clients, each one curl
# per 50 files on one kept-alive connection, as a sync client works; prints the seconds and counts the
# answers that were not 201/204 into $WORK/<server>-<prefix>.failed
put_many() {
  local who=$1 file=$2 count=$3 prefix=$4 root t0 t1
  root=$(dav_root "$who")
  t0=$(date +%s.%N)
  seq -f "%05g" 1 "$count" | xargs -P "$PARALLEL" -n 50 sh -c '
    args=""
    for n in "$@"; do args="$args -T '"$file $root/many/$prefix"'-$n.bin"; done
    curl -s -w "%{stderr}%{http_code}\n" -K "'"$WORK/$who.curlrc"'" $args > /dev/null 2> "'"$WORK/codes/$who-$prefix"'-$1"' sh
  t1=$(date +%s.%N)
  # one file per curl: curl writes its unbuffered stderr in pieces, which parallel writers would interleave
  cat "$WORK/codes/$who-$prefix"-* > "$WORK/$who-$prefix.codes"
  { grep -vE '^20[14]$' "$WORK/$who-$prefix.codes" || true; } | sort | uniq -c | awk '{n += $1; s = s " " $2 "x" $1} END {print n + 0 (n ? " (" substr(s, 2) ")" : "")}' \
    > "$WORK/$who-$prefix.failed"
  echo "$t1 - $t0" | bc
}

declare -A propfind put_big get_big small_rate small_rates
# Phase by phase, each server in turn: the box's speed drifts by a third within minutes (bench/RESULTS.md), and a
# server measured minutes after the other would carry that drift in the ratio.
for who in apache schulhaus; do
  root=$(dav_root "$who")
  dav "$who" -o /dev/null -X MKCOL "$root/many/"
  echo "$who: $FILES files ..." >&2
  made=$(put_many "$who" "$WORK/tiny.bin" "$FILES" f)
  echo "$who.create_${FILES}_files_s=$made failed=$(cat "$WORK/$who-f.failed")"
done
for who in apache schulhaus; do
  root=$(dav_root "$who")
  dav "$who" -X PROPFIND -H 'Depth: 1' "$root/many/" > "$WORK/$who-propfind.xml"
  listed=$(grep -oE '<([A-Za-z0-9]+:)?response[ >]' "$WORK/$who-propfind.xml" | wc -l)
  # allprop (no body): what each server counts as all properties decides the answer's size
  echo "$who.propfind_depth1.responses=$listed bytes=$(wc -c < "$WORK/$who-propfind.xml")"
  for _ in $(seq 1 "$RUNS"); do
    dav "$who" -o /dev/null -w '%{time_total}\n' -X PROPFIND -H 'Depth: 1' "$root/many/"
  done > "$WORK/$who-propfind.txt"
  propfind[$who]=$(median < "$WORK/$who-propfind.txt")
  echo "$who.propfind_depth1_${FILES}_files_s.median=${propfind[$who]} runs=$(tr '\n' ' ' < "$WORK/$who-propfind.txt")"
done

# a running server's rate: WARM_SMALL PUTs first (on a 2-core box the JIT compiles the write path for the first
# 30-40 s of this traffic, on one of the two cores), then SMALL_RUNS runs of SMALL, the servers taking turns; the
# median run counts
for who in apache schulhaus; do
  echo "$who: $WARM_SMALL small PUTs to warm up ..." >&2
  put_many "$who" "$WORK/small.bin" "$WARM_SMALL" w > /dev/null
done
echo "$SMALL_RUNS x $SMALL small PUTs on each, in turns ..." >&2
for run in $(seq 1 "$SMALL_RUNS"); do
  for who in apache schulhaus; do
    t=$(put_many "$who" "$WORK/small.bin" "$SMALL" "s$run")
    small_rates[$who]="${small_rates[$who]:-} $(echo "scale=1; $SMALL / $t" | bc)"
    failed=$(cat "$WORK/$who-s$run.failed")
    [ "$failed" = 0 ] || echo "$who.small_puts.run_$run.failed=$failed"
  done
done
for who in apache schulhaus; do
  small_rate[$who]=$(echo "${small_rates[$who]}" | median)
  echo "$who.small_puts_4k_per_s.median=${small_rate[$who]} runs=${small_rates[$who]# } clients=$PARALLEL warm_up_puts=$WARM_SMALL"
done

# RSS from /proc and heap from jstat, every 250 ms while the big file goes up and down (at most 10 min)
"$JAVA_BIN/jstat" -gc "$PID" 250 2400 > "$WORK/heap.txt" &
JSTAT=$!
( for _ in $(seq 1 2400); do awk '/VmRSS/ {print $2}' /proc/"$PID"/status; sleep 0.25; done > "$WORK/rss.txt" ) &
SAMPLER=$!
# CPU ticks (1/100 s) of the server's processes: the JVM, or all of Apache's
server_ticks() {
  local pids t=0 p
  if [ "$1" = schulhaus ]; then pids=$PID; else pids=$(pgrep -x apache2); fi
  for p in $pids; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo $t
}
declare -A big_rates=([apache]="" [schulhaus]="")
for run in $(seq 1 "$BIG_RUNS"); do
  # each run a new file (both servers would treat an overwrite differently: Apache deletes the old file, Schulhaus keeps
  # it as a version); the servers take turns, who goes first alternating
  if [ $((run % 2)) -eq 1 ]; then order="apache schulhaus"; else order="schulhaus apache"; fi
  for who in $order; do
    root=$(dav_root "$who")
    # the disk's dirty pages written out first: the PUT must not pay for the other server's writes (or its own small files)
    sync
    ticks=$(server_ticks "$who")
    code=$(dav "$who" -o /dev/null -w '%{http_code} %{time_total}' -T "$WORK/big.bin" "$root/big-$run.bin")
    ticks=$(( $(server_ticks "$who") - ticks ))
    rate=$(echo "scale=1; $BIG_MB / ${code#* }" | bc)
    big_rates[$who]="${big_rates[$who]} $rate"
    echo "$who.put_${BIG_MB}mib.run$run mb_per_s=$rate status=${code% *} server_cpu_s=$(echo "scale=2; $ticks / 100" | bc)"
  done
done
for who in apache schulhaus; do
  put_big[$who]=$(echo "${big_rates[$who]}" | median)
  echo "$who.put_${BIG_MB}mib_mb_per_s.median=${put_big[$who]} runs=${big_rates[$who]# }"
done
for who in apache schulhaus; do
  root=$(dav_root "$who")
  code=$(dav "$who" -o /dev/null -w '%{http_code} %{time_total}' "$root/big-1.bin")
  get_big[$who]=$(echo "scale=1; $BIG_MB / ${code#* }" | bc)
  same=$(dav "$who" "$root/big-1.bin" | cmp -s - "$WORK/big.bin" && echo yes || echo no)
  echo "$who.get_${BIG_MB}mib_mb_per_s=${get_big[$who]} status=${code% *} same_bytes=$same"
done
kill "$SAMPLER" "$JSTAT" 2>/dev/null || true; wait "$SAMPLER" "$JSTAT" 2>/dev/null || true; SAMPLER=""; JSTAT=""
# jstat -gc: S0U S1U EU OU are columns 3, 4, 6, 8 (KB); heap used includes garbage not yet collected
heap=$(awk '$1 ~ /^[0-9.]+$/ { u = $3 + $4 + $6 + $8; if (u > h) h = u; if ($8 > o) o = $8 } END { printf "heap_used_mb.peak=%d old_gen_used_mb.peak=%d", h / 1024, o / 1024 }' "$WORK/heap.txt")
echo "schulhaus.jvm_while_${BIG_MB}mib_up_and_down.rss_mb.peak=$(( $(sort -n "$WORK/rss.txt" | tail -1) / 1024 )) $heap samples=$(wc -l < "$WORK/rss.txt")"

echo "ratio.propfind_time.schulhaus_over_apache=$(ratio "${propfind[schulhaus]}" "${propfind[apache]}")"
echo "ratio.put_${BIG_MB}mib.schulhaus_over_apache=$(ratio "${put_big[schulhaus]}" "${put_big[apache]}")"
echo "ratio.get_${BIG_MB}mib.schulhaus_over_apache=$(ratio "${get_big[schulhaus]}" "${get_big[apache]}")"
echo "ratio.small_puts.schulhaus_over_apache=$(ratio "${small_rate[schulhaus]}" "${small_rate[apache]}")"
echo "schulhaus.rss_mb.peak=$(( $(awk '/VmHWM/ {print $2}' /proc/"$PID"/status) / 1024 ))"
errors=$(grep -cE ' ERROR |OutOfMemoryError' "$WORK/server.log" || true)
echo "schulhaus.log_errors=$errors"
[ "$errors" -gt 0 ] && grep -E ' ERROR |OutOfMemoryError' "$WORK/server.log" | cut -c1-300 | sort | uniq -c | head -5 >&2
grep -E 'error' "$WORK/apache/error.log" | sed -E 's/^\[[^]]*\] //' | cut -c1-200 | sort | uniq -c | sort -rn | head -3 | sed 's/^ */apache.error_log=/' || true
echo "box_speed.sha256_mib_per_s.after=$(box_speed)"
echo "machine=$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
