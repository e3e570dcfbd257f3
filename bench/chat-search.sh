#!/usr/bin/env bash
# The messenger's search (issue 13, "search in messages of rooms the person can read") on PostgreSQL, at the size
# of a large school's year: ROOMS (170) class rooms of MESSAGES (10,000) messages each, a teacher who reads READS (30)
# of them. It times GET /api/v1/chat/search over HTTP with the teacher's web session (median of TRIES, 5), for a
# word in none of the messages, one in a few hundred and one in about every seventh message, in three states:
#  1. before the night: the search's copies are empty, so it reads the rooms' messages (as right after the upgrade);
#  2. after the night's job (chat.search-indexing, here started by SCHULHAUS_CHAT_SEARCH_INDEXING_CRON on a
#     restarted server): it reads the copies through their trigram index; the job's own time is printed;
#  3. the next day: DAY (200) new messages in each of the teacher's rooms, not yet copied, which it reads from the
#     messages themselves besides the copies.
# The messages are written by SQL (10 words each from a fixed list of 60, an hour apart): the set-up measures
# nothing. The school, its groups (so that the rooms come from the roster, as in production) and the teacher come
# through the provisioning API.
# Small runs: ROOMS=20 MESSAGES=2000 READS=5 bench/chat-search.sh
# Needs: a JDK, curl, bc, PostgreSQL on 127.0.0.1:5432 (user postgres, trust) with pg_trgm (postgresql-contrib).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh

ROOMS=${ROOMS:-170}
MESSAGES=${MESSAGES:-10000}
READS=${READS:-30}
DAY=${DAY:-200}
TRIES=${TRIES:-5}
PORT=${PORT:-18097}
JAVA=${JAVA:-$(newest_java)}
JAR=${JAR:-target/schulhaus.jar}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
PASSWORD="Kompass-Laterne-Quitte-2026"
DB="schulhaus_search_$(date +%s)_$$"
WORK=$(mktemp -d)
PID=""

[ "$READS" -le "$ROOMS" ] || { echo "need READS <= ROOMS" >&2; exit 1; }
if [ "$JAR" = target/schulhaus.jar ] && { [ ! -f target/schulhaus.jar ] || [ -n "$(find src pom.xml -newer target/schulhaus.jar -print -quit)" ]; }; then
  flock /tmp/mvn.lock ./mvnw -o -q -B -DskipTests package
fi
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -q -v ON_ERROR_STOP=1 "$@"; }

# the server on the throwaway database; $1: when the search's job runs (a Spring cron)
start_server() {
  SCHULHAUS_MODE=production SCHULHAUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SCHULHAUS_DB_USER=postgres \
    SCHULHAUS_DATA_DIR="$WORK/data" SCHULHAUS_OPERATOR_TOKEN="$TOKEN" SCHULHAUS_OPERATOR_PASSWORD="$PASSWORD-operator" \
    SERVER_PORT=$PORT SCHULHAUS_BASE_URL="$BASE" SCHULHAUS_ALLOW_INSECURE_HTTP=true \
    SCHULHAUS_SECRET_KEY="bench-secret-key-$(hostname)-0123456789abcdef" SCHULHAUS_MAIL_ENABLED=false \
    SCHULHAUS_CHAT_SEARCH_INDEXING_CRON="$1" "$JAVA" $JAVA_OPTS -jar "$JAR" >> "$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 1200); do
    curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"' && return 0
    kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
    sleep 0.1
  done
  echo "the server did not start" >&2; exit 1
}
stop_server() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

# the median time of the search for $1 over TRIES, in ms, and how many it found (at most 50: one page)
time_search() {
  local times="" n=0 t
  for _ in $(seq 1 "$TRIES"); do
    t=$(curl -fsS -b "$WORK/cookies" -o "$WORK/found.json" -w '%{time_total}' "$BASE/api/v1/chat/search?q=$1&limit=50")
    times="$times $(echo "$t * 1000" | bc)"
  done
  n=$(grep -o '"excerpt"' "$WORK/found.json" | wc -l)
  printf '%.0f ms, %d found' "$(echo "$times" | median)" "$n"
}
phase() {
  # once each, untimed: the server has just started, and the first request of a kind compiles its path
  for q in zebrastreifen wandertag hausaufgaben; do curl -fsS -b "$WORK/cookies" -o /dev/null "$BASE/api/v1/chat/search?q=$q&limit=50"; done
  echo "chat.search.$1 none: $(time_search zebrastreifen) | few: $(time_search wandertag) | many: $(time_search hausaufgaben)"
}

echo "date=$(date -u +%FT%TZ) box_speed.sha256_mib_per_s.before=$(box_speed)"
echo "chat.search.scale rooms=$ROOMS messages_per_room=$MESSAGES reads=$READS day=$DAY tries=$TRIES"
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $DB"
start_server "0 0 0 1 1 *"
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
school=$(api -d '{"name":"Bench-Schule Suche","schoolNumber":"790005","type":"GESAMTSCHULE"}' "$BASE/api/v1/schools" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
login=$(api -d "{\"firstName\":\"Tina\",\"lastName\":\"Tafel\",\"role\":\"TEACHER\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/v1/schools/$school/users" | sed -E 's/.*"login":"([^"]+)".*/\1/')
for r in $(seq 0 $((ROOMS - 1))); do
  api -o /dev/null -d "{\"name\":\"$(printf 'K%03d' "$r")\",\"kind\":\"CLASS\"}" "$BASE/api/v1/schools/$school/groups"
done
for _ in $(seq 1 600); do
  [ "$(sql -At -c "select count(*) from chat_room where school_id = '$school' and kind = 'GROUP'")" -ge "$ROOMS" ] && break
  sleep 0.1
done
t0=$(date +%s.%N)
sql <<SQL
insert into group_membership (group_id, account_id, school_id, leader)
  select g.id, a.id, '$school', true from school_group g, account a
  where g.school_id = '$school' and a.login = '$login' and g.name < 'K' || lpad('$READS', 3, '0');
create temp table word as select array['heute', 'morgen', 'bitte', 'danke', 'Mathe', 'Deutsch', 'Englisch', 'Sport',
  'Kunst', 'Musik', 'Pause', 'Klasse', 'Test', 'Arbeit', 'Referat', 'Gruppe', 'Buch', 'Seite', 'Aufgabe', 'Heft',
  'Tafel', 'Raum', 'Stunde', 'Ferien', 'Ausflug', 'Elternabend', 'Zeugnis', 'Note', 'Projekt', 'Vortrag', 'Lösung',
  'Frage', 'Antwort', 'Termin', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Woche', 'Schule', 'Hof',
  'Mensa', 'Bus', 'Bahn', 'Fahrrad', 'Jacke', 'Hausaufgaben', 'Ordner', 'Kopie', 'Blatt', 'Stift', 'Lineal',
  'Rechner', 'Tablet', 'Beamer', 'Film', 'Lied', 'Spiel', 'Regen'] as w;
insert into chat_message (id, room_id, school_id, seq, changed_seq, author_id, body, created_at)
  select gen_random_uuid(), r.id, r.school_id, s, s, a.id,
         case when s % 997 = 0 then 'Der Wandertag ist am ' || w[35 + (s % 5)] else
         concat_ws(' ', w[1 + floor(random() * 60)::int], w[1 + floor(random() * 60)::int], w[1 + floor(random() * 60)::int],
           w[1 + floor(random() * 60)::int], w[1 + floor(random() * 60)::int], w[1 + floor(random() * 60)::int],
           w[1 + floor(random() * 60)::int], w[1 + floor(random() * 60)::int], w[1 + floor(random() * 60)::int],
           w[1 + floor(random() * 60)::int]) end,
         now() - ($MESSAGES + $DAY - s) * interval '1 hour'
  from chat_room r, generate_series(1, $MESSAGES) s, word, account a
  where r.school_id = '$school' and r.kind = 'GROUP' and a.login = '$login';
update chat_room set last_seq = $MESSAGES where school_id = '$school' and kind = 'GROUP';
analyze;
SQL
echo "chat.search.setup_s=$(echo "$(date +%s.%N) - $t0" | bc) messages=$(sql -At -c "select count(*) from chat_message")"

# the teacher's web session: the sign-in form with its CSRF token, as a browser sends it
curl -fsS -c "$WORK/cookies" -b "$WORK/cookies" -o "$WORK/sign-in.html" "$BASE/anmelden"
csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$WORK/sign-in.html" | head -1 | sed -E 's/.*value="([^"]*)"/\1/')
curl -fsS -c "$WORK/cookies" -b "$WORK/cookies" -o /dev/null --data-urlencode "login=$login" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "$BASE/anmelden"
reads=$(curl -fsS -b "$WORK/cookies" "$BASE/api/v1/chat/rooms" | grep -o '"id"' | wc -l)
[ "$reads" -ge "$READS" ] || { echo "the teacher reads $reads rooms, not $READS: not signed in?" >&2; exit 1; }

phase before_the_night

stop_server
start_server "*/5 * * * * *"
for _ in $(seq 1 3600); do grep -q "Chat search: took in the changes of" "$WORK/server.log" && break; sleep 1; done
grep -o "Chat search: took in the changes of.*" "$WORK/server.log" | head -1 | sed 's/^/chat.search.indexing: /'
echo "chat.search.copies=$(sql -At -c "select count(*) from chat_search_entry") table_mb=$(sql -At -c \
  "select pg_total_relation_size('chat_search_entry') / 1048576") trigram_index_mb=$(sql -At -c \
  "select coalesce(pg_relation_size(to_regclass('chat_search_entry_trgm')) / 1048576, -1)")"
stop_server
start_server "0 0 0 1 1 *"
phase after_the_night

sql <<SQL
insert into chat_message (id, room_id, school_id, seq, changed_seq, author_id, body, created_at)
  select gen_random_uuid(), r.id, r.school_id, $MESSAGES + s, $MESSAGES + s, m.account_id,
         case when s % 50 = 0 then 'Morgen Wandertag, Treffpunkt Bahnhof' else 'Hausaufgaben bis Freitag: Seite ' || s end,
         now() - ($DAY - s) * interval '1 minute'
  from chat_room r join school_group g on g.id = r.group_id join group_membership m on m.group_id = g.id,
       generate_series(1, $DAY) s
  where r.school_id = '$school';
update chat_room r set last_seq = $MESSAGES + $DAY where school_id = '$school'
  and exists (select 1 from group_membership m where m.group_id = r.group_id);
analyze chat_message;
SQL
phase next_day
echo "box_speed.sha256_mib_per_s.after=$(box_speed)"
