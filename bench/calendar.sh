#!/usr/bin/env bash
# Calendars over CalDAV: Schulhaus (/caldav/<sign-in>/, an app password of scope calendar) against
# Radicale (Debian's radicale) on the same box, both on loopback with the same data: a calendar of
# EVENTS (5,000) events over a school year, every tenth a weekly series (bench/calendar-data.py).
# Each figure is the median of RUNS requests, for both servers taking turns request by request (the box
# is shared: a burst of load falls on both alike), after WARMUP (20) unmeasured ones of the same kind to each:
# the issue asks for throughput, which is what a running server sustains, not how fast a JVM that has just
# started compiles the report's code (the first request of each kind is printed apart as "cold").
# The ratio Radicale/Schulhaus of the times (= Schulhaus's throughput over Radicale's; the issue's target is at least 3):
#  - calendar-multiget of MULTIGET (1,000) events with their data,
#  - calendar-query for one month (December 2026) with the events' data, recurring ones included,
#  - sync-collection from the start (every event's ETag), and again with the token after 10 changes;
# then the web calendar's month view (the issue's target: under 100 ms server time) for a second teacher in
# a school of SCHOOL_GROUPS (2,000) groups who sees 12 calendars (personal, school, a class and four courses with
# their exam plans), the same events spread over the six they write: median of MONTH_RUNS (20) GETs of
# /kalender?ansicht=monat&datum=2026-12-01 (curl's time_total on loopback, after 3 unmeasured ones).
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
WARMUP=${WARMUP:-20}
SCHOOL_GROUPS=${SCHOOL_GROUPS:-2000}
MONTH_RUNS=${MONTH_RUNS:-20}
PARALLEL=${PARALLEL:-8}
PORT=${PORT:-18092}
RADICALE_PORT=${RADICALE_PORT:-18093}
JAVA=${JAVA:-$(newest_java)}
# JAR=... runs another build (say main's, for an A/B) instead of this tree's
JAR=${JAR:-}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx448m -XX:MaxMetaspaceSize=160m -XX:+UseParallelGC -Xss512k}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
PASSWORD="Kompass-Laterne-Quitte-2026"
DB="schulhaus_calendar_$(date +%s)_$$"
WORK=$(mktemp -d)
PID=""
RPID=""

command -v radicale >/dev/null || apt-get install -y -qq radicale >/dev/null 2>&1 || { echo "please install radicale"; exit 1; }
if [ -z "$JAR" ]; then JAR=target/schulhaus.jar; fi
if [ "$JAR" = target/schulhaus.jar ] && { [ ! -f target/schulhaus.jar ] || [ -n "$(find src pom.xml -newer target/schulhaus.jar -print -quit)" ]; }; then
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
  "$JAVA" $JAVA_OPTS -jar "$JAR" > "$WORK/server.log" 2>&1 &
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

ratio() { echo "scale=2; $1 / $2" | bc; }
root() { if [ "$1" = schulhaus ]; then echo "$SCHULHAUS"; else echo "$RADICALE"; fi; }
# $1 server, $2 body file, $3 Depth: one REPORT, prints its seconds; the answer is kept in $WORK/<server>-answer.xml
once() {
  curl -sS -K "$WORK/$1.curlrc" -o "$WORK/$1-answer.xml" -w '%{time_total}\n' -X REPORT -H "Depth: $3" \
    -H 'Content-Type: application/xml; charset=utf-8' --data-binary @"$2" "$(root "$1")cal/"
}
# $1 name, $2 Radicale's body, $3 Schulhaus's body, $4 Depth: RUNS REPORTs to each, taking turns, so that the
# box's load (it is shared) weighs on both alike; sets the medians in MEDIAN_radicale and MEDIAN_schulhaus
interleaved() {
  : > "$WORK/radicale.times"; : > "$WORK/schulhaus.times"
  COLD_radicale=$(once radicale "$2" "$4"); COLD_schulhaus=$(once schulhaus "$3" "$4")
  for _ in $(seq 2 "$WARMUP"); do
    once radicale "$2" "$4" > /dev/null
    once schulhaus "$3" "$4" > /dev/null
  done
  echo "$1.cold_first_request_s radicale=$COLD_radicale schulhaus=$COLD_schulhaus" >&2
  for _ in $(seq 1 "$RUNS"); do
    once radicale "$2" "$4" >> "$WORK/radicale.times"
    once schulhaus "$3" "$4" >> "$WORK/schulhaus.times"
  done
  MEDIAN_radicale=$(median < "$WORK/radicale.times")
  MEDIAN_schulhaus=$(median < "$WORK/schulhaus.times")
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
echo "reports, Radicale and Schulhaus taking turns ..." >&2
interleaved multiget "$WORK/radicale-multiget.xml" "$WORK/schulhaus-multiget.xml" 1
multiget[radicale]=$MEDIAN_radicale; multiget[schulhaus]=$MEDIAN_schulhaus
interleaved query "$WORK/query.xml" "$WORK/query.xml" 1
query[radicale]=$MEDIAN_radicale; query[schulhaus]=$MEDIAN_schulhaus
sync_body "" > "$WORK/sync0.xml"
interleaved sync0 "$WORK/sync0.xml" "$WORK/sync0.xml" 0
initial[radicale]=$MEDIAN_radicale; initial[schulhaus]=$MEDIAN_schulhaus
for who in radicale schulhaus; do
  once "$who" "$WORK/$who-multiget.xml" 1 > /dev/null
  echo "$who.multiget_${MULTIGET}_s.median=${multiget[$who]} responses=$(count "$WORK/$who-answer.xml") bytes=$(wc -c < "$WORK/$who-answer.xml")"
  once "$who" "$WORK/query.xml" 1 > /dev/null
  echo "$who.query_december_s.median=${query[$who]} responses=$(count "$WORK/$who-answer.xml")"
  once "$who" "$WORK/sync0.xml" 0 > /dev/null
  echo "$who.sync_initial_s.median=${initial[$who]} responses=$(count "$WORK/$who-answer.xml")"
  token=$(grep -oE '<([A-Za-z0-9]+:)?sync-token>[^<]+' "$WORK/$who-answer.xml" | tail -1 | sed -E 's/.*>//')
  for n in $(seq -f "%05g" 1 10); do
    sed 's/^SUMMARY:/SUMMARY:geändert /' "$WORK/events/e$n.ics" > "$WORK/changed.ics"
    curl -fsS -o /dev/null -K "$WORK/$who.curlrc" -H 'Content-Type: text/calendar' -T "$WORK/changed.ics" "$(root "$who")cal/e$n.ics"
  done
  sync_body "$token" > "$WORK/$who-sync1.xml"
done
interleaved sync1 "$WORK/radicale-sync1.xml" "$WORK/schulhaus-sync1.xml" 0
incremental[radicale]=$MEDIAN_radicale; incremental[schulhaus]=$MEDIAN_schulhaus
for who in radicale schulhaus; do
  once "$who" "$WORK/$who-sync1.xml" 0 > /dev/null
  echo "$who.sync_after_10_changes_s.median=${incremental[$who]} responses=$(count "$WORK/$who-answer.xml")"
done

# --- the month view of a teacher with 12 calendars, in a school of SCHOOL_GROUPS groups ---
echo "schulhaus: month view ..." >&2
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "insert into school_group (id, school_id, name, kind, source, created_at)
  select gen_random_uuid(), '$school', 'Gruppe ' || n, case when n % 3 = 0 then 'CLASS' else 'COURSE' end, 'MANUAL', now()
  from generate_series(1, $SCHOOL_GROUPS) as n"
member=$(api -d "{\"firstName\":\"Monat\",\"lastName\":\"Bank\",\"role\":\"TEACHER\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/v1/schools/$school/users")
month_login=$(echo "$member" | sed -E 's/.*"login":"([^"]+)".*/\1/')
month_id=$(echo "$member" | sed -E 's/.*"id":"([^"]+)".*/\1/')
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "update account set must_change_password = false where login = '$month_login'"
slugs="persoenlich"
for g in "Klasse 7b:CLASS" "Mathematik Q1:COURSE" "Physik Q1:COURSE" "Informatik EF:COURSE" "Chor:COURSE"; do
  gid=$(api -d "{\"name\":\"${g%%:*}\",\"kind\":\"${g##*:}\"}" "$BASE/api/v1/schools/$school/groups" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  api -o /dev/null -d "{\"userId\":\"$month_id\",\"leader\":true}" "$BASE/api/v1/schools/$school/groups/$gid/members"
  slugs="$slugs $gid"
done
month_app=$(curl -fsS -u "$month_login:$PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"label\":\"bench\",\"scopes\":[\"calendar\"],\"password\":\"$PASSWORD\"}" "$BASE/api/v1/me/app-passwords" \
  | sed -E 's/.*"password":"([^"]+)".*/\1/')
printf 'user = "%s:%s"\n' "$month_login" "$month_app" > "$WORK/month.curlrc"
calendars=$(curl -fsS -K "$WORK/month.curlrc" -X PROPFIND -H 'Depth: 1' "$BASE/caldav/$month_login/" | count /dev/stdin)
echo "$((calendars - 1)) calendars visible to the month teacher" >&2
read -r -a targets <<< "$slugs"
# the bench's events, round-robin over the six calendars the teacher writes
ls "$WORK/events" | awk -v n="${#targets[@]}" -v t="$slugs" 'BEGIN {split(t, c, " ")} {print c[(NR - 1) % n + 1] "/" $0}' \
  | xargs -P "$PARALLEL" -n 50 sh -c '
  args=""
  for f in "$@"; do args="$args -T '"$WORK"'/events/${f#*/} '"$BASE/caldav/$month_login/"'$f"; done
  curl -s -o /dev/null -w "%{http_code}\n" -K "'"$WORK/month.curlrc"'" -H "Content-Type: text/calendar" $args' sh > "$WORK/month-put.codes"
page=$(curl -s -c "$WORK/jar" "$BASE/anmelden")
csrf=$(echo "$page" | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null --data-urlencode "login=$month_login" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "$BASE/anmelden"
MONTH="$BASE/kalender?ansicht=monat&datum=2026-12-01"
month_cold=$(curl -fsS -b "$WORK/jar" -o "$WORK/month.html" -w '%{time_total}\n' "$MONTH")
echo "month.cold_first_view_s=$month_cold" >&2
for _ in 2 3; do curl -fsS -b "$WORK/jar" -o "$WORK/month.html" "$MONTH"; done
month=$(for _ in $(seq 1 "$MONTH_RUNS"); do curl -fsS -b "$WORK/jar" -o "$WORK/month.html" -w '%{time_total}\n' "$MONTH"; done | median)
echo "schulhaus.month_view_12_calendars_s.median=$month calendars=$((calendars - 1)) events_put=$(grep -c '^201$' "$WORK/month-put.codes" || true) chips=$(grep -o 'class="chip' "$WORK/month.html" | wc -l) bytes=$(wc -c < "$WORK/month.html")"

echo "ratio.multiget.radicale_time_over_schulhaus=$(ratio "${multiget[radicale]}" "${multiget[schulhaus]}")"
echo "ratio.query_month.radicale_time_over_schulhaus=$(ratio "${query[radicale]}" "${query[schulhaus]}")"
echo "ratio.sync_initial.radicale_time_over_schulhaus=$(ratio "${initial[radicale]}" "${initial[schulhaus]}")"
echo "ratio.sync_incremental.radicale_time_over_schulhaus=$(ratio "${incremental[radicale]}" "${incremental[schulhaus]}")"
echo "box_speed.sha256_mib_per_s.after=$(box_speed)"
