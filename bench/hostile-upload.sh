#!/usr/bin/env bash
# Hostile roster uploads against one node with a 448 MB heap: the packaged jar on a throwaway embedded
# database (temporary data folder, random port), then through the provisioning API
#  - a ZIP bomb: 4 GiB of zeros in one entry, ahead of a SchILD export (about 4 MB on disk),
#  - an XLSX whose sheet XML is 4 GiB of white space (beyond POI's inflate ratio),
#  - an XLSX whose sheet XML is 300 MB of empty rows at a ratio of 70 (beyond the unpacked limit),
#  - an XLSX whose sheet XML is 95 MB of empty rows (within it),
#  - a CSV with 2,000,000 rows (18 MB, just under the upload limit),
#  - a CSV of 60 MB (beyond the upload limit),
#  - each of the three archives four times at once,
# and afterwards an ordinary CSV of 1,000 pupils. Prints each answer's status and time, the node's
# resident memory (now and at its peak), OutOfMemoryErrors in its log, and whether it is still healthy.
# Needs: a JDK, curl, python3 (builds the files). JAVA=/path/to/java picks the JVM, JAVA_OPTS its flags,
# JAR=/path/to/schulhaus.jar another build (for an A/B against an older one).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx448m -XX:MaxMetaspaceSize=160m -XX:+UseParallelGC -Xss512k}
JAR=${JAR:-target/schulhaus.jar}
WORK=$(mktemp -d)
PID=""

if [ "$JAR" = target/schulhaus.jar ] && [ ! -f target/schulhaus.jar ]; then
  # other people build on this box too: one Maven at a time, offline
  if command -v flock >/dev/null; then flock /tmp/mvn.lock ./mvnw -o -q -B -DskipTests package
  else ./mvnw -o -q -B -DskipTests package; fi
fi

cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
TOKEN="hostile-bench-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"

echo "files: building ..." >&2
python3 - "$WORK" <<'PY'
import sys, zipfile
work = sys.argv[1]
zero = bytes(1 << 20)
blank = b" " * (1 << 20)

with zipfile.ZipFile(f"{work}/bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    with z.open("bomb.bin", "w", force_zip64=True) as entry:
        for _ in range(4096):
            entry.write(zero)
    z.writestr("SchILD-Export.xml", '<enterprise xmlns="http://www.metaventis.com/ns/cockpit/sync/1.0"/>')

main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
package = "http://schemas.openxmlformats.org/package/2006/relationships"
with zipfile.ZipFile(f"{work}/bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr("_rels/.rels", f'<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{rels}/officeDocument" '
               'Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rels}"><sheets><sheet name="T" sheetId="1" '
               'r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{package}"><Relationship Id="rId1" '
               f'Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(f'<worksheet xmlns="{main}"><sheetData>'.encode())
        for _ in range(4096):
            sheet.write(blank)
        sheet.write(b"</sheetData></worksheet>")

def empty_rows(name, rows):
    with zipfile.ZipFile(f"{work}/bomb.xlsx") as source, \
            zipfile.ZipFile(f"{work}/{name}", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part in source.namelist():
            if not part.startswith("xl/worksheets/"):
                z.writestr(part, source.read(part))
        # no ZIP64 here, as Excel writes it; 215 bytes a row
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{main}"><sheetData>'.encode())
            for start in range(1, rows, 10_000):
                sheet.write("".join(f'<row r="{i}"/>' + " " * 200 for i in range(start, start + 10_000)).encode())
            sheet.write(b"</sheetData></worksheet>")

empty_rows("big.xlsx", 1_400_000)
empty_rows("rows.xlsx", 460_000)

header = "Quell-Id;Nachname;Vorname;Klasse;Kontotyp\n"
with open(f"{work}/rows.csv", "w") as f:
    f.write(header)
    f.write("S;N;V;;L\n" * 2_000_000)
with open(f"{work}/large.csv", "w") as f:
    f.write(header)
    line = "S-1;Nachname;Vorname;5a;Schüler*in\n"
    f.write(line * (60 * 1024 * 1024 // len(line.encode())))
with open(f"{work}/school.csv", "w") as f:
    f.write(header)
    for i in range(1, 1001):
        f.write(f"S-{i};Nachname{i};Bench;{5 + i % 8}a;Schüler*in\n")
PY

mkdir -p "$WORK/data"
SCHULHAUS_DATA_DIR="$WORK/data" SCHULHAUS_OPERATOR_TOKEN="$TOKEN" SERVER_PORT=$PORT SCHULHAUS_BASE_URL="$BASE" \
  "$JAVA" $JAVA_OPTS -jar "$JAR" > "$WORK/server.log" 2>&1 &
PID=$!
until curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; do
  sleep 0.2
  kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
done

echo "jvm=$("$JAVA" -version 2>&1 | head -1)"
echo "java_opts=$JAVA_OPTS"
echo "cores=$(nproc)"
rss() { local kb; kb=$(ps -o rss= -p "$PID" 2>/dev/null) && echo "$(( kb / 1024 ))" || echo "node-gone"; }
peak() { local kb; kb=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status" 2>/dev/null) && echo "$(( kb / 1024 ))" || echo "node-gone"; }
echo "rss_mb.started=$(rss)"

SCHOOL=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"Bench-Schule","schoolNumber":"799999","type":"GESAMTSCHULE"}' "$BASE/api/v1/schools" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
IMPORT="$BASE/api/v1/schools/$SCHOOL/roster-imports?dryRun=false"

# $1 name, $2 file, $3 content type: prints status, seconds and the problem's detail (or "reset")
post() {
  local name="$1" file="$2" type="$3" out code
  out=$(curl -sS -o "$WORK/$name.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: $type" --data-binary "@$file" "$IMPORT" 2>"$WORK/$name.err") || out="reset $(cat "$WORK/$name.err")"
  code=${out%% *}
  echo "$name.size_mb=$(( $(stat -c %s "$file") / 1024 / 1024 )) $name.status=$code $name.seconds=${out#* }"
  [ -s "$WORK/$name.json" ] && echo "$name.answer=$(head -c 300 "$WORK/$name.json")"
  echo "$name.rss_mb=$(rss)"
}

post zip_bomb "$WORK/bomb.zip" application/zip
# a script that does not know the type: the content tells XLSX from CSV
post xlsx_bomb "$WORK/bomb.xlsx" application/octet-stream
post xlsx_300mb_sheet "$WORK/big.xlsx" application/octet-stream
post xlsx_95mb_sheet "$WORK/rows.xlsx" application/octet-stream
post csv_2m_rows "$WORK/rows.csv" text/csv
post csv_60mb "$WORK/large.csv" text/csv

# four of each archive at the same time
CLIENTS=()
for i in 1 2 3 4; do
  curl -s -o /dev/null -w "parallel.xlsx_95mb_sheet.$i.status=%{http_code} seconds=%{time_total}\n" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/octet-stream' --data-binary "@$WORK/rows.xlsx" "$IMPORT" &
  CLIENTS+=($!)
  curl -s -o /dev/null -w "parallel.xlsx_300mb_sheet.$i.status=%{http_code} seconds=%{time_total}\n" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/octet-stream' --data-binary "@$WORK/big.xlsx" "$IMPORT" &
  CLIENTS+=($!)
  curl -s -o /dev/null -w "parallel.zip_bomb.$i.status=%{http_code} seconds=%{time_total}\n" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/zip' --data-binary "@$WORK/bomb.zip" "$IMPORT" &
  CLIENTS+=($!)
  curl -s -o /dev/null -w "parallel.xlsx_bomb.$i.status=%{http_code} seconds=%{time_total}\n" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/octet-stream' --data-binary "@$WORK/bomb.xlsx" "$IMPORT" &
  CLIENTS+=($!)
done
wait "${CLIENTS[@]}" || true
echo "parallel.rss_mb=$(rss)"

post ordinary_csv "$WORK/school.csv" text/csv
echo "health=$(curl -s "$BASE/actuator/health" || echo down)"
echo "rss_mb.end=$(rss) rss_mb.peak=$(peak)"
echo "out_of_memory_errors_in_log=$(grep -c OutOfMemoryError "$WORK/server.log" || true)"
kill -0 "$PID" 2>/dev/null && echo "node=running" || echo "node=gone"
