#!/usr/bin/env bash
# Asset import benchmark (issue 8): ImportAssetsCommand on 10 000 CSV rows on SQLite and PostgreSQL, beside a baseline
# from the same run (a plain multi-row INSERT of the same rows in one transaction), as a ratio. Not part of scripts/test.sh.
#   [ROWS=10000] [RUNS=3] [PROVIDERS="Sqlite Postgres"] bench/assets.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=bench/postgres.sh
. bench/postgres.sh
postgres_bench_work asset

echo "building (Release)"
dotnet build -c Release -nologo -v q bench/AssetBench | grep -E " error " && exit 1
bench=(dotnet bench/AssetBench/bin/Release/net10.0/asset-bench.dll --rows "${ROWS:-10000}" --runs "${RUNS:-3}")
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for provider in ${PROVIDERS:-Sqlite Postgres}; do
  if [ "$provider" = Sqlite ]; then
    "${bench[@]}" --provider Sqlite --connection "Data Source=$work/assets.db"
  else
    port="${BENCH_PG_PORT:-5456}"
    start_bench_postgres "$work" "$port"
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE assets" >/dev/null
    "${bench[@]}" --provider Postgres --connection "Host=127.0.0.1;Port=$port;Username=postgres;Database=assets"
  fi
done
