#!/bin/bash
# Starts SQL Server 2022, waits until it answers, creates the U8 and K3 sample databases once.
set -euo pipefail
/opt/mssql/bin/sqlservr &
SQLCMD=/opt/mssql-tools18/bin/sqlcmd
for i in $(seq 1 60); do
  if "$SQLCMD" -C -S localhost -U sa -P "$MSSQL_SA_PASSWORD" -Q "SELECT 1" >/dev/null 2>&1; then break; fi
  sleep 2
done
if [ ! -f /var/opt/mssql/.etlhub-initialised ]; then
  "$SQLCMD" -C -S localhost -U sa -P "$MSSQL_SA_PASSWORD" -b -i /docker-init/u8.sql
  "$SQLCMD" -C -S localhost -U sa -P "$MSSQL_SA_PASSWORD" -b -i /docker-init/k3.sql
  touch /var/opt/mssql/.etlhub-initialised
fi
touch /tmp/erp-db-initialised
wait
