#!/usr/bin/env bash
# argon2id verifications per second for OWASP's settings and ours (see RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)
java -Xmx512m -XX:+UseSerialGC -cp "$CP" bench/Argon2Cost.java
