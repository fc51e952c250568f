#!/usr/bin/env bash
# Restart cost of a killed upload: 12 000 contacts, a sandbox answering every call in 1 500 ms (its own JVM),
# the upload killed with SIGKILL once its progress passes KILL_AT percent (default 60: chunks in flight), then
# `upload --restart`. Prints the restart's wall time and its API calls. Run from anywhere:
#   src/test/bench/upload-restart.sh
set -u
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
home="$(mktemp -d)"
export KAPTA_DATA_DIR="$home/data" KAPTA_JOBS_DIR="$home/jobs"
key=0123456789abcdef0123456789abcdef-us1
port="${PORT:-18081}"
"$project/run.sh" sandbox --port "$port" --latency-ms 1500 --api-key "$key" --tags Champion > "$home/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT
{ echo "email,first_name,last_name,tags"; for i in $(seq 0 11999); do echo "r$i@example.com,F$i,L$i,"; done; } > "$home/c.csv"
"$project/run.sh" contacts load "$home/c.csv" | tail -1
"$project/run.sh" settings save --api-url "http://127.0.0.1:$port/3.0" --api-key "$key" --audience "Kapta Contacts" \
	--enabled true > /dev/null
KAPTA_BATCH_PROGRESSEVERY=500ms "$project/run.sh" upload --tags Champion > "$home/upload.log" 2>&1 &
upload=$!
until grep -qE "\(([0-9]+)%\)" "$home/upload.log" \
		&& [ "$(grep -oE '\(([0-9]+)%\)' "$home/upload.log" | tail -1 | tr -dc 0-9)" -ge "${KILL_AT:-60}" ]; do
	kill -0 "$upload" 2>/dev/null || { echo "the upload ended before it could be killed"; exit 1; }
	sleep 0.1
done
kill -9 "$upload"
wait "$upload" 2>/dev/null
echo "killed at: $(tail -1 "$home/upload.log")"
rm -f "$KAPTA_DATA_DIR/db/kapta.lck"
start=$(date +%s%N)
"$project/run.sh" upload --restart > "$home/restart.log" 2>&1
code=$?
echo "restart exit=$code wall_s=$(( ($(date +%s%N) - start) / 1000000 ))e-3"
cat "$home/restart.log"
