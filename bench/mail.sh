#!/usr/bin/env bash
# Mail: Schulhaus (SMTP on its inbound port, IMAP) against Postfix + Dovecot (Debian's postfix,
# dovecot-imapd, delivery by LMTP into Maildir; bench/mail-peer.sh), untuned, on the same box, with the
# same load, printing both and the ratio (the issue's targets in brackets):
#  - delivery: MESSAGES (10,000) messages of 20 KB sent by Postfix's smtp-source in 20 parallel sessions,
#    timed until all are in the mailbox (Schulhaus counted by IMAP STATUS, Dovecot by its Maildir files)
#    [Schulhaus at least as fast];
#  - a first full mbsync of that 10,000-message inbox into an empty local Maildir [<= 1.5x Dovecot's time];
#  - IDLE wake-up: median of IDLE_RUNS from sending DATA to the IDLE session's EXISTS (delivery included) [< 100 ms];
#  - memory while a BIG_MB (50) MB message goes through SMTP into the store, and again while a mail app
#    fetches it whole over IMAP: the JVM's resident size before, its peak during, and the heap used after a
#    GC [flat].
# Needs: a JDK, curl, python3, mbsync (isync), PostgreSQL on 127.0.0.1:5432 (user postgres, trust);
# postfix and dovecot are installed if missing (their system services are not started).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh
# shellcheck source=mail-peer.sh
source bench/mail-peer.sh

MESSAGES=${MESSAGES:-10000}
SESSIONS=${SESSIONS:-20}
IDLE_RUNS=${IDLE_RUNS:-11}
BIG_MB=${BIG_MB:-50}
PORT=${PORT:-18094}
SMTP_PORT=${SMTP_PORT:-18125}
IMAP_PORT=${IMAP_PORT:-18143}
PEER_SMTP=${PEER_SMTP:-18225}
PEER_IMAP=${PEER_IMAP:-18243}
PEER_LMTP=${PEER_LMTP:-18224}
JAVA=${JAVA:-$(newest_java)}
JAR=${JAR:-target/schulhaus.jar}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx448m -XX:MaxMetaspaceSize=160m -XX:+UseParallelGC -Xss512k}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
PASSWORD="Kompass-Laterne-Quitte-2026"
DB="schulhaus_mail_$(date +%s)_$$"
WORK=$(mktemp -d)
PID=""

command -v mbsync >/dev/null || apt-get install -y -qq isync >/dev/null
peer_install
if [ "$JAR" = target/schulhaus.jar ] && { [ ! -f target/schulhaus.jar ] || [ -n "$(find src pom.xml -newer target/schulhaus.jar -print -quit)" ]; }; then
  flock /tmp/mvn.lock ./mvnw -o -q -B -DskipTests package
fi

cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  peer_stop "$WORK/peer"
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ratio() { echo "scale=2; $1 / $2" | bc; }
now() { date +%s.%N; }

echo "box_speed.sha256_mib_per_s.before=$(box_speed)"

# --- Postfix + Dovecot ---
mkdir -p "$WORK/peer"
peer_start "$WORK/peer" "$PEER_SMTP" "$PEER_IMAP" "$PEER_LMTP"

# --- Schulhaus, production mode on a throwaway database ---
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $DB"
SCHULHAUS_MODE=production SCHULHAUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SCHULHAUS_DB_USER=postgres \
  SCHULHAUS_DATA_DIR="$WORK/data" SCHULHAUS_OPERATOR_TOKEN="$TOKEN" SCHULHAUS_OPERATOR_PASSWORD="$PASSWORD-operator" \
  SERVER_PORT=$PORT SCHULHAUS_BASE_URL="$BASE" SCHULHAUS_ALLOW_INSECURE_HTTP=true \
  SCHULHAUS_SECRET_KEY="bench-secret-key-$(hostname)-0123456789abcdef" \
  SCHULHAUS_MAIL_ENABLED=true SCHULHAUS_MAIL_SMTP_PORT=$SMTP_PORT SCHULHAUS_MAIL_IMAP_PORT=$IMAP_PORT \
  SCHULHAUS_MAIL_SUBMISSION_PORT=-1 SCHULHAUS_MAIL_IMAPS_PORT=-1 SCHULHAUS_MAIL_MAX_MESSAGE_SIZE=100MB \
  "$JAVA" $JAVA_OPTS -jar "$JAR" > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 1200); do
  curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
  sleep 0.1
done
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
school=$(api -d '{"name":"Bench-Schule Mail","schoolNumber":"790003","type":"GESAMTSCHULE","mailDomain":"bench-mail.schule"}' \
  "$BASE/api/v1/schools" | sed -E 's/.*"id":"([^"]+)".*/\1/')
login=$(api -d "{\"firstName\":\"Post\",\"lastName\":\"Bank\",\"role\":\"TEACHER\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/v1/schools/$school/users" | sed -E 's/.*"login":"([^"]+)".*/\1/')
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "update account set must_change_password = false where login = '$login'"
app=$(curl -fsS -u "$login:$PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"label\":\"bench\",\"scopes\":[\"mail\"],\"password\":\"$PASSWORD\"}" "$BASE/api/v1/me/app-passwords" \
  | sed -E 's/.*"password":"([^"]+)".*/\1/')
schulhaus_count() { bench/mail-probe.py count 127.0.0.1 "$IMAP_PORT" "$login" "$app"; }
# the mailbox is made at first use: an IMAP sign-in makes it before the clock starts
schulhaus_count > /dev/null

# --- delivery: smtp-source, then wait until every message is in the mailbox ---
deliver() { # $1 name, $2 port, $3 recipient, $4 counter command
  local t0 t1 n=0
  t0=$(now)
  smtp-source -s "$SESSIONS" -m "$MESSAGES" -l 20480 -f eltern@example.org -t "$3" "127.0.0.1:$2"
  while [ "$n" -lt "$MESSAGES" ]; do n=$($4); [ "$n" -lt "$MESSAGES" ] && sleep 0.2; done
  t1=$(now)
  echo "$t1 - $t0" | bc
}
peer_inbox() { peer_count "$WORK/peer" bench; }
echo "delivering $MESSAGES messages to each ..." >&2
PEER_DELIVERY=$(deliver peer "$PEER_SMTP" bench@bench.test peer_inbox)
SCHULHAUS_DELIVERY=$(deliver schulhaus "$SMTP_PORT" "$login" schulhaus_count)
echo "peer.delivery_s=$PEER_DELIVERY peer.delivered_per_s=$(echo "$MESSAGES / $PEER_DELIVERY" | bc)"
echo "schulhaus.delivery_s=$SCHULHAUS_DELIVERY schulhaus.delivered_per_s=$(echo "$MESSAGES / $SCHULHAUS_DELIVERY" | bc)"
echo "delivery.speed_ratio_schulhaus_over_peer=$(ratio "$PEER_DELIVERY" "$SCHULHAUS_DELIVERY") (target >= 1)"

# --- a first full mbsync of the inbox ---
mbsync_config() { # $1 name, $2 port, $3 user, $4 password
  mkdir -p "$WORK/sync-$1"
  cat <<CONF
IMAPAccount $1
Host 127.0.0.1
Port $2
User $3
Pass $4
SSLType None
AuthMechs LOGIN

IMAPStore $1-far
Account $1

MaildirStore $1-near
Path $WORK/sync-$1/
Inbox $WORK/sync-$1/INBOX

Channel $1
Far :$1-far:
Near :$1-near:
Patterns INBOX
Create Near
Sync Pull
SyncState *
CONF
}
{ mbsync_config peer "$PEER_IMAP" bench bench; echo; mbsync_config schulhaus "$IMAP_PORT" "$login" "$app"; } > "$WORK/mbsyncrc"
sync_once() { local t0 t1; t0=$(now); mbsync -q -c "$WORK/mbsyncrc" "$1"; t1=$(now); echo "$t1 - $t0" | bc; }
PEER_SYNC=$(sync_once peer)
SCHULHAUS_SYNC=$(sync_once schulhaus)
synced=$(find "$WORK/sync-schulhaus/INBOX" -type f | wc -l)
echo "peer.mbsync_first_full_s=$PEER_SYNC files=$(find "$WORK/sync-peer/INBOX" -type f | wc -l)"
echo "schulhaus.mbsync_first_full_s=$SCHULHAUS_SYNC files=$synced"
echo "mbsync.time_ratio_schulhaus_over_peer=$(ratio "$SCHULHAUS_SYNC" "$PEER_SYNC") (target <= 1.5)"

# --- IDLE wake-up ---
PEER_IDLE=$(bench/mail-probe.py idle 127.0.0.1 "$PEER_IMAP" bench bench "$PEER_SMTP" bench@bench.test "$IDLE_RUNS")
SCHULHAUS_IDLE=$(bench/mail-probe.py idle 127.0.0.1 "$IMAP_PORT" "$login" "$app" "$SMTP_PORT" "$login" "$IDLE_RUNS")
echo "peer.idle_wakeup_ms_median=$PEER_IDLE"
echo "schulhaus.idle_wakeup_ms_median=$SCHULHAUS_IDLE (target < 100)"

# --- memory while a big message goes through ---
# $1 output file, the rest a probe's command: runs it while sampling the JVM's resident size; sets RSS_BEFORE
# and RSS_PEAK (KB)
during() {
  local out=$1 probe; shift
  RSS_BEFORE=$(rss_kb); RSS_PEAK=$RSS_BEFORE
  "$@" > "$out" &
  probe=$!
  while kill -0 "$probe" 2>/dev/null; do r=$(rss_kb); [ "$r" -gt "$RSS_PEAK" ] && RSS_PEAK=$r; sleep 0.05; done
  wait "$probe"
}
heap_before=$(heap_used_kb)
during "$WORK/big.out" bench/mail-probe.py big 127.0.0.1 "$SMTP_PORT" "$login" "$BIG_MB"
heap_after=$(heap_used_kb)
echo "schulhaus.big_${BIG_MB}mb_reply=$(cat "$WORK/big.out")"
echo "schulhaus.rss_mb_before=$((RSS_BEFORE / 1024)) rss_mb_peak_during=$((RSS_PEAK / 1024)) heap_used_mb_before=$((heap_before / 1024)) heap_used_mb_after=$((heap_after / 1024))"
# and back out over IMAP: a mail app fetching the whole message
during "$WORK/fetchbig.out" bench/mail-probe.py fetchbig 127.0.0.1 "$IMAP_PORT" "$login" "$app"
heap_after_fetch=$(heap_used_kb)
echo "schulhaus.big_${BIG_MB}mb_imap_fetch=$(cat "$WORK/fetchbig.out")"
echo "schulhaus.imap_fetch.rss_mb_before=$((RSS_BEFORE / 1024)) rss_mb_peak_during=$((RSS_PEAK / 1024)) heap_used_mb_after=$((heap_after_fetch / 1024))"
echo "box_speed.sha256_mib_per_s.after=$(box_speed)"
