#!/usr/bin/env bash
# Model fit benchmark (issue 13): BG/NBD and MBG/NBD fitted per tier over 500,000 simulated members
# (io.etlhub.bench.LapseFitBench; goal under 30 s). Prints the machine's load, the fit time and the parameters
# found beside the true ones. Smaller run: bench/lapse-fit.sh -Dbench.members=50000
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.etlhub.bench.LapseFitBench "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
