#!/usr/bin/env bash
# What one small WebDAV PUT costs Schulhaus, counted rather than timed (the box is shared, times swing):
#  - the SQL statements of LOGGED (100) PUTs of 4 KiB into a folder, one client, from PostgreSQL's own
#    statement log of a throwaway database (log_statement = all for that database only), by kind;
#  - transactions (pg_stat_database xact_commit) and rows fetched per PUT;
#  - CPU of the JVM and of all PostgreSQL processes per PUT (/proc/<pid>/stat) over SMALL (1,000) PUTs of
#    4 KiB by PARALLEL (8) clients, statement log off; PUTs per second beside it, with the load average.
# Half the PUTs create a file, then the same names are written again (replacing: a version is kept).
# Needs what bench/files.sh needs but Apache. Run it before and after a change, on the same box; JAR=<path> measures
# another build (say the one before the change, copied aside) without building.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh

LOGGED=${LOGGED:-100}
SMALL=${SMALL:-1000}
PARALLEL=${PARALLEL:-8}
PORT=${PORT:-18297}
JAVA=${JAVA:-$(newest_java)}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx448m -XX:MaxMetaspaceSize=160m -XX:+UseParallelGC -Xss512k}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
PASSWORD="Kompass-Laterne-Quitte-2026"
DB="schulhaus_putcost_$(date +%s)_$$"
PGLOG=${PGLOG:-$(ls /var/log/postgresql/postgresql-*-main.log | tail -1)}
WORK=$(mktemp -d)
PID=""

JAR=${JAR:-target/schulhaus.jar}
if [ "$JAR" = target/schulhaus.jar ] && { [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; }; then
  flock /tmp/mvn.lock ./mvnw -o -q -B -DskipTests package
fi
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

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
school=$(api -d '{"name":"Bench-Schule PUT","schoolNumber":"790002","type":"GESAMTSCHULE"}' "$BASE/api/v1/schools" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
login=$(api -d "{\"firstName\":\"Datei\",\"lastName\":\"Kosten\",\"role\":\"TEACHER\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/v1/schools/$school/users" | sed -E 's/.*"login":"([^"]+)".*/\1/')
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "update account set must_change_password = false where login = '$login'"
app=$(curl -fsS -u "$login:$PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"label\":\"bench\",\"scopes\":[\"files\"],\"password\":\"$PASSWORD\"}" "$BASE/api/v1/me/app-passwords" \
  | sed -E 's/.*"password":"([^"]+)".*/\1/')
printf 'user = "%s:%s"\n' "$login" "$app" > "$WORK/curlrc"
DAV="$BASE/dav/files/$login"
curl -fsS -K "$WORK/curlrc" -o /dev/null -X MKCOL "$DAV/many/"
head -c 4096 /dev/urandom > "$WORK/small.bin"
# the statistics a production database would have (autovacuum is off on this box)
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "analyze"

# $1 files named $2-<n>, $PARALLEL clients (or $3), each a curl per 50 files on one kept-alive connection
put_many() {
  local count=$1 prefix=$2 clients=${3:-$PARALLEL}
  seq -f "%05g" 1 "$count" | xargs -P "$clients" -n 50 sh -c '
    args=""
    for n in "$@"; do args="$args -T '"$WORK/small.bin $DAV/many/$prefix"'-$n.bin"; done
    curl -s -w "%{http_code}\n" -K "'"$WORK/curlrc"'" $args' sh > "$WORK/$prefix.codes"
  { grep -vE '^20[14]$' "$WORK/$prefix.codes" || true; } | wc -l
}
stat() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "select xact_commit, xact_rollback, tup_fetched, tup_returned from pg_stat_database where datname = '$DB'"; }
cpu_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }
sys_ticks() { awk '{print $15}' /proc/"$1"/stat; }
# the backends serving this database only (the pool keeps them): other sessions' databases share the server
pg_ticks() {
  local t=0 p
  for p in $(psql -h 127.0.0.1 -U postgres -Atc "select pid from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()"); do
    t=$((t + $(awk '{print $14 + $15}' /proc/"$p"/stat 2>/dev/null || echo 0)))
  done
  echo $t
}

# warm-up (JIT, pools, the credential cache), not counted: new files, then the same again (replacing); the JIT's
# compiler threads count as the JVM's CPU, so a short warm-up charges compilation to the first figures
for _ in 1 2; do put_many "${WARMUP:-1000}" w > /dev/null; done

# --- statements: LOGGED new files, then the same names again (each replaces), one client ---
psql -h 127.0.0.1 -U postgres -q -c "alter database $DB set log_statement = 'all'"
# new sessions take the setting: let the pool open fresh connections
psql -h 127.0.0.1 -U postgres -q -c "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$DB'" > /dev/null
sleep 0.5
curl -fsS -K "$WORK/curlrc" -o /dev/null -X PROPFIND -H 'Depth: 0' "$DAV/many/" || true
for kind in new replace; do
  before=$(wc -l < "$PGLOG"); s0=$(stat)
  failed=$(put_many "$LOGGED" l 1)
  sleep 0.3
  s1=$(stat)
  tail -n +"$((before + 1))" "$PGLOG" | grep -F "@$DB " | grep -E 'LOG:  (statement|execute)' \
    | sed -E 's/.*LOG:  (statement|execute [^:]*): //' > "$WORK/$kind.sql"
  total=$(wc -l < "$WORK/$kind.sql")
  echo "put_${kind}.statements_per_put=$(echo "scale=2; $total / $LOGGED" | bc) failed=$failed"
  # by kind: the first words of each statement (BEGIN/COMMIT as the driver sends them count too)
  sed -E 's/^(select|SELECT) .* from ([a-z_]+).*/select \2/; s/^(insert into [a-z_]+).*/\1/; s/^(update [a-z_]+).*/\1/; s/^(delete from [a-z_]+).*/\1/' \
    "$WORK/$kind.sql" | cut -c1-60 | sort | uniq -c | sort -rn | awk -v n="$LOGGED" '{c = $1; $1 = ""; printf "  %5.2f %s\n", c / n, $0}'
  paste -d' ' <(echo "$s0" | tr '|' '\n') <(echo "$s1" | tr '|' '\n') | awk -v n="$LOGGED" '
    NR == 1 {printf "put_%s.commits_per_put=%.2f", k, ($2 - $1) / n} NR == 2 {printf " rollbacks=%d", $2 - $1}
    NR == 3 {printf " rows_fetched_per_put=%.1f", ($2 - $1) / n} NR == 4 {printf " rows_returned_per_put=%.1f\n", ($2 - $1) / n}' k="$kind"
done
[ -n "${KEEP_SQL:-}" ] && cp "$WORK/new.sql" "$WORK/replace.sql" "$KEEP_SQL"/
psql -h 127.0.0.1 -U postgres -q -c "alter database $DB reset log_statement"
psql -h 127.0.0.1 -U postgres -q -c "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$DB'" > /dev/null
sleep 0.5

# --- CPU: SMALL new files by PARALLEL clients, then the same names again ---
hz=$(getconf CLK_TCK)
for kind in new replace; do
  j0=$(cpu_ticks "$PID"); k0=$(sys_ticks "$PID"); p0=$(pg_ticks); t0=$(date +%s.%N); load0=$(cut -d' ' -f1 /proc/loadavg)
  failed=$(put_many "$SMALL" c)
  t1=$(date +%s.%N); j1=$(cpu_ticks "$PID"); k1=$(sys_ticks "$PID"); p1=$(pg_ticks); load1=$(cut -d' ' -f1 /proc/loadavg)
  echo "put_${kind}.parallel_${PARALLEL}.per_s=$(echo "scale=1; $SMALL / ($t1 - $t0)" | bc) failed=$failed" \
    "jvm_cpu_ms_per_put=$(echo "scale=2; ($j1 - $j0) * 1000 / $hz / $SMALL" | bc)" \
    "of_it_kernel_ms=$(echo "scale=2; ($k1 - $k0) * 1000 / $hz / $SMALL" | bc)" \
    "postgres_backends_cpu_ms_per_put=$(echo "scale=2; ($p1 - $p0) * 1000 / $hz / $SMALL" | bc) load=$load0..$load1"
done
# for comparison: what a request costs that signs in and passes the filters but touches no file (OPTIONS)
j0=$(cpu_ticks "$PID"); p0=$(pg_ticks); t0=$(date +%s.%N)
seq 1 "$SMALL" | xargs -P "$PARALLEL" -n 50 sh -c '
  args=""
  for n in "$@"; do args="$args -X OPTIONS '"$DAV/many/"'"; done
  curl -s -o /dev/null -w "%{http_code}\n" -K "'"$WORK/curlrc"'" $args' sh > "$WORK/options.codes"
t1=$(date +%s.%N); j1=$(cpu_ticks "$PID"); p1=$(pg_ticks)
echo "options.parallel_${PARALLEL}.per_s=$(echo "scale=1; $SMALL / ($t1 - $t0)" | bc) not_200=$(grep -vc '^200$' "$WORK/options.codes" || true)" \
  "jvm_cpu_ms_per_request=$(echo "scale=2; ($j1 - $j0) * 1000 / $hz / $SMALL" | bc)" \
  "postgres_backends_cpu_ms_per_request=$(echo "scale=2; ($p1 - $p0) * 1000 / $hz / $SMALL" | bc)"
errors=$(grep -cE ' ERROR |OutOfMemoryError' "$WORK/server.log" || true)
echo "schulhaus.log_errors=$errors"
echo "jar=$JAR machine=$(nproc) cores, $("$JAVA" -version 2>&1 | head -1), uptime: $(uptime | sed 's/.*load/load/')"
