#!/usr/bin/env bash
# The one entry point: ./run.sh COMMAND [options]  (./run.sh help lists the commands)
# Builds the application when the jar is missing or older than the sources, then runs it.
# Without KAPTA_DATA_DIR / KAPTA_JOBS_DIR it uses this project's data/ and jobs/ folders, wherever it is
# called from; file arguments stay relative to the caller's working directory.
set -euo pipefail

# nothing Kapta writes is ever readable by others (docs/security.md, "Files"): the umask keeps what it
# takes away and loses others' bits too
umask "$(printf '%04o' $(( $(umask) | 07 )))"

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

# Class data sharing (Spring Boot's recipe): the classes a command loads as it starts, parsed once into an
# archive, start every later command about 1.5 s sooner (status: 3.9 s to 2.5 s on 2 cores). The archive
# needs the jar extracted (it cannot map classes out of nested jars) and a training run, here against a
# throw-away home and none of the caller's settings (never the caller's database), once per build. Each
# build gets a folder of its own that appears whole (a command started meanwhile never sees half of it, and
# one still running from the previous build keeps its files: the two newest are kept). Without the archive
# (or when its training failed once: no-archive) commands run from the jar as before.
app="$home/target/app-$(date -r "$jar" +%s)"
if [ ! -f "$app/kapta.jsa" ] && [ ! -f "$app/no-archive" ]; then
	echo "Preparing a faster start (once per build)..." >&2
	staging="$(mktemp -d "$home/target/app-new.XXXXXX")"
	trap 'rm -rf "$staging"' EXIT
	# the archive names the jars by path: it is made where they will stay
	if java -Djarmode=tools -jar "$jar" extract --destination "$staging/app" > /dev/null 2>&1 \
		&& { [ -d "$app" ] || mv -T "$staging/app" "$app"; } \
		&& env -i PATH="$PATH" KAPTA_DATA_DIR="$staging/home/data" KAPTA_JOBS_DIR="$staging/home/jobs" \
			java -XX:ArchiveClassesAtExit="$staging/kapta.jsa" -jar "$app/kapta-mailchimp.jar" status \
			> /dev/null 2>&1 && [ -f "$staging/kapta.jsa" ]; then
		mv "$staging/kapta.jsa" "$app/kapta.jsa"
		find "$home/target" -maxdepth 1 -name 'app-[0-9]*' -printf '%T@ %p\n' | sort -rn | tail -n +3 \
			| cut -d' ' -f2- | xargs -r rm -rf
	elif [ -d "$app" ]; then
		touch "$app/no-archive"
	fi
	rm -rf "$staging"
	trap - EXIT
fi

# One-shot commands run with the client compiler only (C1). On 2 cores the server compiler (C2) spent more
# CPU compiling than the command itself ran (JFR: 3.1 s of compiling in a 2.3 s `status`, 9.5 of the 13.5 s
# of CPU of a 200 000-row `import --dry-run`), mostly on Spring's start-up code, which runs once. Measured
# 2026-11-28 (docs/benchmarks.md): status 2.5 s to 1.6 s, that dry run 5.9 s to 3.8 s; but a million-row
# import 46 s to 67 s, long enough for C2's faster code to pay back. The service, which runs for days, and
# the bench, which runs the jobs back to back as the service does, keep both compilers;
# JAVA_OPTS=-XX:TieredStopAtLevel=4 gives a one-shot command both.
command=""
for arg in "$@"; do
	case "$arg" in
		-*) ;;
		*) command="$arg"; break ;;
	esac
done
jit="-XX:TieredStopAtLevel=1"
case "$command" in
	service | bench) jit="" ;;
esac

export KAPTA_DATA_DIR="${KAPTA_DATA_DIR:-$home/data}"
export KAPTA_JOBS_DIR="${KAPTA_JOBS_DIR:-$home/jobs}"
if [ -f "$app/kapta.jsa" ]; then
	# an archive the JVM cannot use (another JDK) is skipped without a word
	# shellcheck disable=SC2086  # JAVA_OPTS holds several options; jit is one or none
	exec java -XX:SharedArchiveFile="$app/kapta.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off $jit ${JAVA_OPTS:-} \
		-jar "$app/kapta-mailchimp.jar" "$@"
fi
# shellcheck disable=SC2086  # JAVA_OPTS holds several options; jit is one or none
exec java $jit ${JAVA_OPTS:-} -jar "$jar" "$@"
