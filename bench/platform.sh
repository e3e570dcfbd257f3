#!/usr/bin/env bash
# Platform benchmark: 20 schools x 1,000 accounts on PostgreSQL, then
#  - time from start to healthy: the plain jar (empty database, and again with the 20,000 accounts),
#    and the production start bin/schulhaus (its first start makes the start-up cache, then a start),
#  - roster import of 1,000 people per school through the API,
#  - the morning sign-in storm: 5,000 distinct accounts signing in through the form within 60 s,
#    and the dashboard's latency meanwhile for a teacher who signed in earlier; then the same
#    storm with 5,000 other accounts on the now warmed-up node (STORM_AGAIN=0 skips it),
#  - dashboard throughput with wrk flat out (req/s, p99), and the latency at 1,000 req/s (paced wrk),
#  - resident memory (RSS) of the JVM.
# JFR_FILE=/tmp/x.jfr records a profile of the storm and dashboard part.
# Needs: a JDK, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh

SCHOOLS=${SCHOOLS:-20}
PER_SCHOOL=${PER_SCHOOL:-1000}
STORM=${STORM:-5000}
STORM_SECONDS=${STORM_SECONDS:-60}
# Before the storm, teachers sign in for 30 s as they do from 07:30: the storm then meets a
# running, warmed-up server, as at 08:00 (WARMUP=0 measures a server that has just started).
WARMUP=${WARMUP:-600}
DASHBOARD_RATE=${DASHBOARD_RATE:-1000}
# What serves the storm and the dashboard: bin/schulhaus (launcher) or the plain jar (jar).
RUN_WITH=${RUN_WITH:-launcher}
# The load generator shares the 2 cores: keep its own JIT and GC small.
CLIENT_OPTS=${CLIENT_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m}
PORT=${PORT:-18080}
JAVA=${JAVA:-$(newest_java)}
JAVA_HOME_OF_JAVA=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
# Parallel GC: argon2 allocates 8 MiB per sign-in; two GC threads keep the storm's pauses short.
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx448m -XX:MaxMetaspaceSize=160m -XX:+UseParallelGC -Xss512k}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"   # at least 32 characters, or start-up refuses it
PASSWORD="Bench-Passwort-2026"
DB="schulhaus_bench_$(date +%s)_$$"
WORK=$(mktemp -d)
PID=""
PROBE=""

command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null 2>&1
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { echo "please install wrk"; exit 1; }; }
# a jar older than the sources would measure yesterday's code: build it again then
if [ ! -f target/schulhaus.jar ] || [ -n "$(find src pom.xml -newer target/schulhaus.jar -print -quit)" ]; then
  ./mvnw -q -B -DskipTests package
fi

cleanup() {
  [ -n "$PROBE" ] && kill "$PROBE" 2>/dev/null || true
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $DB"

echo "box_speed.sha256_mib_per_s.before=$(box_speed)"

# Starts the platform in the background (PID in $PID) and sets STARTUP to the seconds until healthy.
# $1: "jar" = the plain fat jar (java -jar target/schulhaus.jar), "launcher" = bin/schulhaus, the
# production start (start-up cache made once per release and JDK, in $WORK/data/launch-cache).
start() {
  local t0 t1 how="$1"
  t0=$(date +%s.%N)
  export SCHULHAUS_MODE=production SCHULHAUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SCHULHAUS_DB_USER=postgres \
    SCHULHAUS_DATA_DIR="$WORK/data" SCHULHAUS_OPERATOR_TOKEN="$TOKEN" SCHULHAUS_OPERATOR_PASSWORD="$PASSWORD-operator" \
    SERVER_PORT=$PORT SCHULHAUS_BASE_URL="$BASE" SCHULHAUS_ALLOW_INSECURE_HTTP=true SCHULHAUS_SECRET_KEY="bench-secret-key-$(hostname)-0123456789abcdef"
  if [ "$how" = launcher ]; then
    JAVA_HOME="$JAVA_HOME_OF_JAVA" JAVA_OPTS="$JAVA_OPTS" bin/schulhaus > "$WORK/server.log" 2>&1 &
  else
    "$JAVA" $JAVA_OPTS -jar target/schulhaus.jar > "$WORK/server.log" 2>&1 &
  fi
  PID=$!
  until curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    sleep 0.1
    kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
  done
  t1=$(date +%s.%N)
  STARTUP=$(echo "$t1 - $t0" | bc)
  STARTED_IN=$(grep -o 'Started SchulhausApplication in [0-9.]* seconds' "$WORK/server.log" | grep -o '[0-9.]*' || true)
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }
api() { curl -fsS -H "Authorization: Bearer $TOKEN" "$@"; }

start jar
echo "start_to_healthy_s.plain_jar.empty_db=$STARTUP (spring: ${STARTED_IN}s)"

echo "seeding $SCHOOLS schools x $PER_SCHOOL accounts ..." >&2
import_total=0
for s in $(seq 1 "$SCHOOLS"); do
  number=$((700000 + s))
  id=$(api -H 'Content-Type: application/json' -d "{\"name\":\"Bench-Schule $s\",\"schoolNumber\":\"$number\",\"type\":\"GESAMTSCHULE\"}" \
    "$BASE/api/v1/schools" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  csv="$WORK/school-$s.csv"
  awk -v n="$PER_SCHOOL" 'BEGIN {
    print "Quell-Id;Nachname;Vorname;Klasse;Kontotyp"
    for (i = 1; i <= n; i++) {
      if (i <= 60) print "L-" i ";Lehrkraft" i ";Bench;;Lehrkraft"
      else print "S-" i ";Schueler" i ";Bench;" (i % 8 + 5) substr("abcd", i % 4 + 1, 1) ";Schüler*in"
    }
  }' > "$csv"
  t0=$(date +%s.%N)
  api -H 'Content-Type: text/csv' --data-binary "@$csv" "$BASE/api/v1/schools/$id/roster-imports?dryRun=false" > "$WORK/import-$s.json"
  t1=$(date +%s.%N)
  import_total=$(echo "$import_total + $t1 - $t0" | bc)
done
echo "roster_import_s.per_1000_accounts=$(echo "scale=2; $import_total / $SCHOOLS" | bc)"
grep -h -o '"created":[0-9]*' "$WORK"/import-*.json | awk -F: '{s+=$2} END {print "accounts_created=" s}'

# One real argon2id hash made by the platform itself, given to every bench account.
api -H 'Content-Type: application/json' -d "{\"firstName\":\"Hash\",\"lastName\":\"Quelle\",\"role\":\"TEACHER\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/v1/schools/$id/users" > /dev/null
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "update account set password_hash = (select password_hash from account where first_name = 'Hash' and last_name = 'Quelle'), must_change_password = false where school_id is not null"
psql -h 127.0.0.1 -U postgres -d "$DB" -At -c "select login from account where school_id is not null and role = 'PUPIL' order by random() limit $((2 * STORM))" > "$WORK/pupils.txt"
head -n "$STORM" "$WORK/pupils.txt" > "$WORK/logins.txt"
tail -n +"$((STORM + 1))" "$WORK/pupils.txt" > "$WORK/logins-again.txt"
psql -h 127.0.0.1 -U postgres -d "$DB" -At -c "select login from account where school_id is not null and role = 'TEACHER' order by random() limit $WARMUP" > "$WORK/early.txt"
stop

start jar
echo "start_to_healthy_s.plain_jar.with_$((SCHOOLS * PER_SCHOOL))_accounts=$STARTUP (spring: ${STARTED_IN}s)"
stop

# The production start (bin/schulhaus): the first start of a release on a node makes the start-up
# cache (training run), every later start uses it.
start launcher
echo "start_to_healthy_s.launcher_first_start_incl_cache=$STARTUP (spring: ${STARTED_IN}s)"
stop
JDK_JAVA_OPTIONS="${JFR_FILE:+-XX:StartFlightRecording=settings=profile,filename=$JFR_FILE}" start "$RUN_WITH"
echo "start_to_healthy_s.$RUN_WITH.with_$((SCHOOLS * PER_SCHOOL))_accounts=$STARTUP (spring: ${STARTED_IN}s; $(ls "$WORK"/data/launch-cache/*/ | grep -E 'aot|jsa'))"
echo "passwords=$(grep -o 'Passwords: .*' "$WORK/server.log" | head -1)"
# CPU seconds so far: the platform's JVM, PostgreSQL, the whole box (user+system+irq)
cpu_jvm() { awk '{print ($14 + $15) / 100}' /proc/"$PID"/stat; }
cpu_pg() { pgrep -x postgres | sed 's|.*|/proc/&/stat|' | xargs cat 2>/dev/null | awk '{s += $14 + $15} END {print s / 100}'; }
cpu_box() { awk '/^cpu / {print ($2 + $3 + $4 + $7 + $8) / 100}' /proc/stat; }
per_flow() { echo "scale=1; ($2 - $1) * 1000 / $STORM" | bc; }
if [ "$WARMUP" -gt 0 ]; then
  "$JAVA" $CLIENT_OPTS bench/SignInStorm.java "$BASE" "$WORK/early.txt" "$PASSWORD" 30 | sed 's/^storm\./warmup./'
fi
# Signs a person in through the form and prints the session cookie's value.
session_of() {
  local page csrf
  page=$(curl -s -c "$WORK/jar" "$BASE/anmelden")
  csrf=$(echo "$page" | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
  curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null --data-urlencode "login=$1" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "$BASE/anmelden"
  local session
  session=$(awk '$6 == "SCHULHAUS_SESSION" {print $7}' "$WORK/jar" | tail -1)
  curl -s -H "Cookie: SCHULHAUS_SESSION=$session" "$BASE/" | grep -q "Guten Tag" || { echo "dashboard sign-in failed" >&2; exit 1; }
  echo "$session"
}
# A teacher who signed in before 08:00 keeps working during the storm: four page views a second.
teacher_session=$(session_of "$(tail -1 "$WORK/early.txt")")
[ -n "$teacher_session" ] || exit 1
( while true; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: SCHULHAUS_SESSION=$teacher_session" "$BASE/" >> "$WORK/during-storm.txt"
    sleep 0.25
  done ) &
PROBE=$!
j0=$(cpu_jvm); p0=$(cpu_pg); b0=$(cpu_box)
/usr/bin/time -f "%U %S" -o "$WORK/client-cpu" "$JAVA" $CLIENT_OPTS bench/SignInStorm.java "$BASE" "$WORK/logins.txt" "$PASSWORD" "$STORM_SECONDS"
j1=$(cpu_jvm); p1=$(cpu_pg); b1=$(cpu_box)
kill "$PROBE"; wait "$PROBE" 2>/dev/null || true
sort -n "$WORK/during-storm.txt" | awk '{v[NR] = $1 * 1000} END {
  i50 = int(NR * 0.5) + 1; i99 = int(NR * 0.99) + 1; if (i99 > NR) i99 = NR
  printf "storm.teacher_dashboard_ms.views=%d p50=%.0f p99=%.0f max=%.0f\n", NR, v[i50], v[i99], v[NR] }'
c1=$(awk '{print $1 + $2}' "$WORK/client-cpu")
echo "storm.cpu_ms_per_sign_in.platform=$(per_flow "$j0" "$j1") postgres=$(per_flow "$p0" "$p1") load_generator=$(per_flow 0 "$c1") whole_box=$(per_flow "$b0" "$b1")"
echo "rss_mb.after_storm=$(( $(ps -o rss= -p "$PID") / 1024 ))"

# The same storm again with 5,000 other pupils, on the node that has just been through one: the
# first storm runs while the JIT compilers are still at work on the sign-in path (a node started
# shortly before); this one shows the capacity of a node that has been up for a while. Not a
# replacement for the first storm's figures, which are the target's.
if [ "${STORM_AGAIN:-1}" = 1 ] && [ -s "$WORK/logins-again.txt" ]; then
  j0=$(cpu_jvm); p0=$(cpu_pg); b0=$(cpu_box)
  "$JAVA" $CLIENT_OPTS bench/SignInStorm.java "$BASE" "$WORK/logins-again.txt" "$PASSWORD" "$STORM_SECONDS" \
    | grep -v offered_ | sed 's/^storm\./storm_on_a_warm_node./'
  j1=$(cpu_jvm); p1=$(cpu_pg); b1=$(cpu_box)
  echo "storm_on_a_warm_node.cpu_ms_per_sign_in.platform=$(per_flow "$j0" "$j1") postgres=$(per_flow "$p0" "$p1") whole_box=$(per_flow "$b0" "$b1")"
fi

# Dashboard throughput for one signed-in pupil.
session=$(session_of "$(head -1 "$WORK/logins.txt")")
[ -n "$session" ] || exit 1
wrk -t2 -c32 -d10s -H "Cookie: SCHULHAUS_SESSION=$session" "$BASE/" > /dev/null 2>&1   # warm-up
wrk -t2 -c32 -d30s --latency -H "Cookie: SCHULHAUS_SESSION=$session" "$BASE/" > "$WORK/wrk.txt"
awk '/Requests\/sec/ {print "dashboard.req_per_s=" $2} / 99%/ {print "dashboard.p99=" $2} / 50%/ {print "dashboard.p50=" $2}' "$WORK/wrk.txt"
grep -E "Non-2xx|Socket errors" "$WORK/wrk.txt" | sed 's/^ */dashboard.problem=/' || true
# The latency at a given load: wrk flat out saturates the box, so its latency is mostly queueing.
RATE=$DASHBOARD_RATE CONNS=40 wrk -t2 -c40 -d30s --latency -s bench/paced.lua -H "Cookie: SCHULHAUS_SESSION=$session" "$BASE/" > "$WORK/paced.txt"
awk -v r="$DASHBOARD_RATE" '/Requests\/sec/ {print "dashboard.paced_" r ".req_per_s=" $2} / 50%/ {print "dashboard.paced_" r ".p50=" $2} / 99%/ {print "dashboard.paced_" r ".p99=" $2}' "$WORK/paced.txt"
grep -E "Non-2xx|Socket errors" "$WORK/paced.txt" | sed 's/^ */dashboard.problem=/' || true
echo "rss_mb.after_dashboard=$(( $(ps -o rss= -p "$PID") / 1024 ))"
echo "rss_mb.peak=$(( $(awk '/VmHWM/ {print $2}' /proc/"$PID"/status) / 1024 ))"
echo "box_speed.sha256_mib_per_s.after=$(box_speed)"
echo "machine=$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA" -version 2>&1 | head -1)"
