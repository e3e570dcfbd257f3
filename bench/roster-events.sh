#!/usr/bin/env bash
# Roster import of 20,000 people while three listeners (standing for files, calendar and chat) follow
# the roster through the durable event registry: how long the import takes, how long until every
# listener is done, how many batches the registry delivered, and the heap's peak.
# Usage: bench/roster-events.sh [people]   (runs on H2; SCHULHAUS_DB_URL=jdbc:postgresql://... for PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:-20000}
echo "box: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
./mvnw -q -B test -Dtest=RosterEventsBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.people="$PEOPLE" \
  -DargLine="-Xmx448m -Dbench.people=$PEOPLE" 2>&1 | grep '^roster_events\.' || { echo "bench failed"; exit 1; }
