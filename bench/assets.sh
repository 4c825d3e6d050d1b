#!/usr/bin/env bash
# Asset import benchmark (issue 8): ImportAssetsCommand on 10 000 CSV rows on SQLite and PostgreSQL, beside a baseline
# from the same run (a plain multi-row INSERT of the same rows in one transaction), as a ratio. Not part of scripts/test.sh.
#   bench/assets.sh [--rows 10000] [--runs 3] [--sqlite-only | --postgres-only]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=bench/postgres.sh
. bench/postgres.sh
rows=10000 runs=3 run_sqlite=1 run_postgres=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --sqlite-only) run_postgres=0; shift ;;
    --postgres-only) run_sqlite=0; shift ;;
    *) echo "usage: bench/assets.sh [--rows N] [--runs N] [--sqlite-only|--postgres-only]" >&2; exit 2 ;;
  esac
done
pg_port="${BENCH_PG_PORT:-5456}"
work="$(mktemp -d /tmp/asset-bench.XXXXXX)"
chmod 777 "$work"
pg_bin=""
cleanup() {
  if [ -n "$pg_bin" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "building (Release)"
dotnet build -c Release -nologo -v q bench/AssetBench >/dev/null
bench=(dotnet bench/AssetBench/bin/Release/net10.0/asset-bench.dll --rows "$rows" --runs "$runs")
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$run_sqlite" = 1 ]; then
  "${bench[@]}" --provider Sqlite --connection "Data Source=$work/assets.db"
fi

if [ "$run_postgres" = 1 ]; then
  start_bench_postgres "$work" "$pg_port"
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE assets" >/dev/null
  "${bench[@]}" --provider Postgres --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=assets"
fi
