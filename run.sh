#!/usr/bin/env bash
# The one entry point: ./run.sh COMMAND [options]  (./run.sh help lists the commands)
# Builds the application when the jar is missing or older than the sources, then runs it.
# Without KAPTA_DATA_DIR / KAPTA_JOBS_DIR it uses this project's data/ and jobs/ folders, wherever it is
# called from; file arguments stay relative to the caller's working directory.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$home/target/kapta-mailchimp.jar"

if [ ! -f "$jar" ] || [ -n "$(find "$home/pom.xml" "$home/src/main" -newer "$jar" -print -quit)" ]; then
	echo "Building the application (once, tests skipped)..." >&2
	if ! log="$(cd "$home" && ./mvnw -B -q -DskipTests package 2>&1)"; then
		printf '%s\n' "$log" >&2
		echo "The build failed; see the Maven output above." >&2
		exit 2
	fi
fi

export KAPTA_DATA_DIR="${KAPTA_DATA_DIR:-$home/data}"
export KAPTA_JOBS_DIR="${KAPTA_JOBS_DIR:-$home/jobs}"
# shellcheck disable=SC2086  # JAVA_OPTS holds several options
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
