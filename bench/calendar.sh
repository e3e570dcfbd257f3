#!/usr/bin/env bash
# Calendars over CalDAV: Schulhaus (/caldav/<sign-in>/, an app password of scope calendar) against
# Radicale (Debian's radicale) on the same box, both on loopback with the same data: a calendar of
# EVENTS (5,000) events over a school year, every tenth a weekly series (bench/calendar-data.py).
# Each figure is the median of RUNS requests, for both servers, and the ratio Radicale/Schulhaus of the
# times (= Schulhaus's throughput over Radicale's; the issue's target is at least 3):
#  - calendar-multiget of MULTIGET (1,000) events with their data,
#  - calendar-query for one month (December 2026) with the events' data, recurring ones included,
#  - sync-collection from the start (every event's ETag), and again with the token after 10 changes.
# Radicale runs without authentication (any name is taken); Schulhaus checks the app password on every
# request, which is part of what a client pays there.
# Needs: a JDK, curl, python3, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), radicale (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh

EVENTS=${EVENTS:-5000}
MULTIGET=${MULTIGET:-1000}
RUNS=${RUNS:-7}
PARALLEL=${PARALLEL:-8}
PORT=${PORT:-18092}
RADICALE_PORT=${RADICALE_PORT:-18093}
JAVA=${JAVA:-$(newest_java)}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx448m -XX:MaxMetaspaceSize=160m -XX:+UseParallelGC -Xss512k}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
PASSWORD="Kompass-Laterne-Quitte-2026"
DB="schulhaus_calendar_$(date +%s)_$$"
WORK=$(mktemp -d)
PID=""
RPID=""

command -v radicale >/dev/null || apt-get install -y -qq radicale >/dev/null 2>&1 || { echo "please install radicale"; exit 1; }
if [ ! -f target/schulhaus.jar ] || [ -n "$(find src pom.xml -newer target/schulhaus.jar -print -quit)" ]; then
  flock /tmp/mvn.lock ./mvnw -o -q -B -DskipTests package
fi

cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  [ -n "$RPID" ] && kill "$RPID" 2>/dev/null && wait "$RPID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "box_speed.sha256_mib_per_s.before=$(box_speed)"
echo "making $EVENTS events ..." >&2
python3 bench/calendar-data.py "$WORK/events" "$EVENTS"

# --- Radicale with its file storage; the events go in as files, the way it stores them ---
radicale --server-hosts "127.0.0.1:$RADICALE_PORT" --auth-type none --rights-type owner_only \
  --storage-filesystem-folder "$WORK/radicale" --logging-level warning > "$WORK/radicale.log" 2>&1 &
RPID=$!
RADICALE="http://127.0.0.1:$RADICALE_PORT/bench/"
for _ in $(seq 1 100); do curl -fs -o /dev/null -u bench:x -X PROPFIND "$RADICALE" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null -u bench:x -X MKCALENDAR "${RADICALE}cal/"
cp "$WORK"/events/*.ics "$WORK/radicale/collection-root/bench/cal/"
printf 'user = "bench:x"\n' > "$WORK/radicale.curlrc"

# --- Schulhaus, production mode on a throwaway database ---
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $DB"
SCHULHAUS_MODE=production SCHULHAUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SCHULHAUS_DB_USER=postgres \
  SCHULHAUS_DATA_DIR="$WORK/data" SCHULHAUS_OPERATOR_TOKEN="$TOKEN" SCHULHAUS_OPERATOR_PASSWORD="$PASSWORD-operator" \
  SERVER_PORT=$PORT SCHULHAUS_BASE_URL="$BASE" SCHULHAUS_ALLOW_INSECURE_HTTP=true \
  SCHULHAUS_SECRET_KEY="bench-secret-key-$(hostname)-0123456789abcdef" \
  "$JAVA" $JAVA_OPTS -jar target/schulhaus.jar > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 1200); do
  curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
  sleep 0.1
done
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
school=$(api -d '{"name":"Bench-Schule Kalender","schoolNumber":"790002","type":"GESAMTSCHULE"}' "$BASE/api/v1/schools" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
login=$(api -d "{\"firstName\":\"Kalender\",\"lastName\":\"Bank\",\"role\":\"TEACHER\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/v1/schools/$school/users" | sed -E 's/.*"login":"([^"]+)".*/\1/')
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "update account set must_change_password = false where login = '$login'"
app=$(curl -fsS -u "$login:$PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"label\":\"bench\",\"scopes\":[\"calendar\"],\"password\":\"$PASSWORD\"}" "$BASE/api/v1/me/app-passwords" \
  | sed -E 's/.*"password":"([^"]+)".*/\1/')
printf 'user = "%s:%s"\n' "$login" "$app" > "$WORK/schulhaus.curlrc"
SCHULHAUS="$BASE/caldav/$login/"
curl -fsS -o /dev/null -K "$WORK/schulhaus.curlrc" -X MKCALENDAR "${SCHULHAUS}cal/"
echo "schulhaus: $EVENTS PUTs ..." >&2
t0=$(date +%s.%N)
ls "$WORK/events" | xargs -P "$PARALLEL" -n 50 sh -c '
  args=""
  for f in "$@"; do args="$args -T '"$WORK"'/events/$f '"${SCHULHAUS}"'cal/$f"; done
  curl -s -o /dev/null -w "%{http_code}\n" -K "'"$WORK/schulhaus.curlrc"'" -H "Content-Type: text/calendar" $args' sh > "$WORK/put.codes"
t1=$(date +%s.%N)
echo "schulhaus.put_${EVENTS}_events_s=$(echo "$t1 - $t0" | bc) not_201=$(grep -vc '^201$' "$WORK/put.codes" || true)"

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
ratio() { echo "scale=2; $1 / $2" | bc; }
root() { if [ "$1" = schulhaus ]; then echo "$SCHULHAUS"; else echo "$RADICALE"; fi; }
# $1 server, $2 body file, $3 Depth: prints the median seconds of RUNS REPORTs; the last answer is kept
report() {
  local who=$1 body=$2 depth=$3
  for _ in $(seq 1 "$RUNS"); do
    curl -sS -K "$WORK/$who.curlrc" -o "$WORK/$who-answer.xml" -w '%{time_total}\n' -X REPORT -H "Depth: $depth" \
      -H 'Content-Type: application/xml; charset=utf-8' --data-binary @"$body" "$(root "$who")cal/"
  done | median
}
count() { grep -oE '<([A-Za-z0-9]+:)?response[ >]' "$1" | wc -l; }

{
  echo '<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>'
  for n in $(seq -f "%05g" 1 "$MULTIGET"); do echo "<D:href>HREF/cal/e$n.ics</D:href>"; done
  echo '</C:calendar-multiget>'
} > "$WORK/multiget.tmpl"
sed "s#HREF#/caldav/$login#" "$WORK/multiget.tmpl" > "$WORK/schulhaus-multiget.xml"
sed "s#HREF#/bench#" "$WORK/multiget.tmpl" > "$WORK/radicale-multiget.xml"
cat > "$WORK/query.xml" <<'XML'
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="20261201T000000Z" end="20270101T000000Z"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>
XML
sync_body() { printf '<D:sync-collection xmlns:D="DAV:"><D:sync-token>%s</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>' "$1"; }

declare -A multiget query initial incremental
for who in radicale schulhaus; do
  echo "$who: reports ..." >&2
  multiget[$who]=$(report "$who" "$WORK/$who-multiget.xml" 1)
  echo "$who.multiget_${MULTIGET}_s.median=${multiget[$who]} responses=$(count "$WORK/$who-answer.xml") bytes=$(wc -c < "$WORK/$who-answer.xml")"
  query[$who]=$(report "$who" "$WORK/query.xml" 1)
  echo "$who.query_december_s.median=${query[$who]} responses=$(count "$WORK/$who-answer.xml")"
  sync_body "" > "$WORK/sync0.xml"
  initial[$who]=$(report "$who" "$WORK/sync0.xml" 0)
  echo "$who.sync_initial_s.median=${initial[$who]} responses=$(count "$WORK/$who-answer.xml")"
  token=$(grep -oE '<([A-Za-z0-9]+:)?sync-token>[^<]+' "$WORK/$who-answer.xml" | tail -1 | sed -E 's/.*>//')
  for n in $(seq -f "%05g" 1 10); do
    sed 's/^SUMMARY:/SUMMARY:geändert /' "$WORK/events/e$n.ics" > "$WORK/changed.ics"
    curl -fsS -o /dev/null -K "$WORK/$who.curlrc" -H 'Content-Type: text/calendar' -T "$WORK/changed.ics" "$(root "$who")cal/e$n.ics"
  done
  sync_body "$token" > "$WORK/sync1.xml"
  incremental[$who]=$(report "$who" "$WORK/sync1.xml" 0)
  echo "$who.sync_after_10_changes_s.median=${incremental[$who]} responses=$(count "$WORK/$who-answer.xml")"
done

echo "ratio.multiget.radicale_time_over_schulhaus=$(ratio "${multiget[radicale]}" "${multiget[schulhaus]}")"
echo "ratio.query_month.radicale_time_over_schulhaus=$(ratio "${query[radicale]}" "${query[schulhaus]}")"
echo "ratio.sync_initial.radicale_time_over_schulhaus=$(ratio "${initial[radicale]}" "${initial[schulhaus]}")"
echo "ratio.sync_incremental.radicale_time_over_schulhaus=$(ratio "${incremental[radicale]}" "${incremental[schulhaus]}")"
echo "box_speed.sha256_mib_per_s.after=$(box_speed)"
