#!/usr/bin/env bash
# argon2id verifications per second for OWASP's settings and ours, Java and native code (see RESULTS.md).
# JAVA=/path/to/bin/java picks the JVM (default: java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE" > /dev/null
"${JAVA:-java}" -Xmx512m -XX:+UseParallelGC -cp "$(cat "$CP_FILE")" bench/Argon2Cost.java
