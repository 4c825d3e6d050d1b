#!/usr/bin/env bash
# KPI benchmark (issue 5): GetKpisQuery for a semester of 1 000 000 tickets on SQLite and PostgreSQL, per dimension,
# all live and then served by the daily rollups (the rollup itself timed),
# against baselines from the same run (a plain count of the same tickets; the same query without the KPI indexes),
# plus PostgreSQL's EXPLAIN (ANALYZE, BUFFERS). Loading is timed apart. Not part of scripts/test.sh.
#   bench/kpi.sh [--tickets 1000000] [--runs 3] [--days 126] [--score-cards] [--sqlite-only | --postgres-only]
# --score-cards (issue 8): score cards of every team and worker beside the KPI query they read; with --days 365, a year.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=bench/postgres.sh
. bench/postgres.sh
tickets=1000000 runs=3 run_sqlite=1 run_postgres=1 extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tickets) tickets="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --days) extra+=(--days "$2"); shift 2 ;;
    --score-cards) extra+=(--score-cards); shift ;;
    --sqlite-only) run_postgres=0; shift ;;
    --postgres-only) run_sqlite=0; shift ;;
    *) echo "usage: bench/kpi.sh [--tickets N] [--runs N] [--days N] [--score-cards] [--sqlite-only|--postgres-only]" >&2; exit 2 ;;
  esac
done
pg_port="${BENCH_PG_PORT:-5454}"
work="$(mktemp -d /tmp/kpi-bench.XXXXXX)"
chmod 777 "$work"
pg_bin=""
cleanup() {
  if [ -n "$pg_bin" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "building (Release)"
dotnet build -c Release -nologo -v q bench/KpiBench >/dev/null
bench=(dotnet bench/KpiBench/bin/Release/net10.0/kpi-bench.dll --tickets "$tickets" --runs "$runs" "${extra[@]}")
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$run_sqlite" = 1 ]; then
  echo "== SQLite"
  "${bench[@]}" --provider Sqlite --connection "Data Source=$work/kpi.db"
fi

if [ "$run_postgres" = 1 ]; then
  echo "== PostgreSQL"
  start_bench_postgres "$work" "$pg_port"
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE kpi" >/dev/null
  "${bench[@]}" --provider Postgres --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=kpi;Command Timeout=600"
fi
