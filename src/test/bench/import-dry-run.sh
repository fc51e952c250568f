#!/usr/bin/env bash
# The whole `./run.sh import FILE --dry-run` command against openpyxl's read-only mode merely reading the same
# file, one after the other in one run (issue 19 asks for the command to take at most half of openpyxl's
# time). The workbook: ROWS rows of 6 columns (email, first and last name, three tag columns of Y with N on
# one row in three), written by openpyxl; Kapta's home is empty, the sandbox knows the three tags. Needs
# Python 3 with openpyxl (Debian: python3-openpyxl). Run from anywhere:
#   src/test/bench/import-dry-run.sh [ROWS]        (default 200000)
set -eu
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
rows="${1:-200000}"
python=""
for candidate in "${PYTHON:-python3}" /usr/bin/python3; do
	if "$candidate" -c "import openpyxl" 2> /dev/null; then
		python="$candidate"
		break
	fi
done
[ -n "$python" ] || { echo "Python 3 with openpyxl is needed (apt-get install python3-openpyxl)" >&2; exit 2; }
home="$(mktemp -d)"
export KAPTA_DATA_DIR="$home/data" KAPTA_JOBS_DIR="$home/jobs"
key=0123456789abcdef0123456789abcdef-us1
port="${PORT:-18082}"
"$project/run.sh" help > /dev/null # builds the jar, if needed, before anything is timed
"$project/run.sh" sandbox --port "$port" --api-key "$key" --tags "Tag 1,Tag 2,Tag 3" > "$home/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2> /dev/null; rm -rf "$home"' EXIT
until grep -q "Mailchimp sandbox on" "$home/sandbox.log"; do
	kill -0 "$sandbox" 2> /dev/null || { cat "$home/sandbox.log" >&2; exit 1; }
	sleep 0.2
done
echo "$key" | "$project/run.sh" settings save --api-url "http://127.0.0.1:$port/3.0" --api-key - \
	--audience "Kapta Contacts" --enabled true > /dev/null
file="$home/rows-$rows.xlsx"
"$python" - "$rows" "$file" << 'EOF'
import sys, openpyxl
rows, out = int(sys.argv[1]), sys.argv[2]
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("Mailchimp Contacts and Tags")
sheet.append(["Email Address", "First Name", "Last Name", "Tag 1", "Tag 2", "Tag 3"])
for r in range(1, rows + 1):
    sheet.append(["person%d@example.com" % r, "First%d" % r, "Last%d" % r]
                 + ["N" if (r + t) % 3 == 0 else "Y" for t in range(3)])
book.save(out)
EOF
echo "workbook: $rows rows x 6 columns, $(( $(stat -c %s "$file") / 1024 )) KiB"
start=$(date +%s%N)
"$project/run.sh" import "$file" --dry-run > "$home/import.log" 2>&1 || { cat "$home/import.log" >&2; exit 1; }
kapta=$(( ($(date +%s%N) - start) / 1000000 ))
grep -E "Rows read|completed in" "$home/import.log"
start=$(date +%s%N)
"$python" - "$file" << 'EOF'
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
print("openpyxl read %d rows" % rows)
EOF
openpyxl=$(( ($(date +%s%N) - start) / 1000000 ))
printf 'bench dry_run_command_s=%d.%03d openpyxl_read_s=%d.%03d ratio=%s\n' $((kapta / 1000)) $((kapta % 1000)) \
	$((openpyxl / 1000)) $((openpyxl % 1000)) "$(awk "BEGIN { printf \"%.2f\", $kapta / $openpyxl }")"
