#!/usr/bin/env bash
# Growth benchmark (issue: repair reports, feedback and volunteer shifts): the cost of ListMyRepairTicketsQuery and of
# OpenRepairTicketCommand on an empty database and on one already holding a million tickets, in-process through the
# Bot's DI and Mediator, on SQLite and on PostgreSQL. The two databases are measured in alternating blocks of the same
# run; the ratio 1M/empty is printed per operation (target: ≤ 2×). Seeding is timed separately.
#   bench/growth.sh [--tickets 1000000] [--reporters 5000] [--blocks 6] [--iterations 300] [--sqlite-only | --postgres-only] [--explain]
# Needs PostgreSQL's server binaries for the PostgreSQL run (installed with apt-get when missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=bench/postgres.sh
. bench/postgres.sh
tickets=1000000 reporters=5000 blocks=6 iterations=300 run_sqlite=1 run_postgres=1 explain=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tickets) tickets="$2"; shift 2 ;;
    --reporters) reporters="$2"; shift 2 ;;
    --blocks) blocks="$2"; shift 2 ;;
    --iterations) iterations="$2"; shift 2 ;;
    --sqlite-only) run_postgres=0; shift ;;
    --postgres-only) run_sqlite=0; shift ;;
    --explain) explain="--explain"; shift ;;
    *) echo "usage: bench/growth.sh [--tickets N] [--reporters N] [--blocks N] [--iterations N] [--sqlite-only|--postgres-only] [--explain]" >&2; exit 2 ;;
  esac
done
pg_port="${BENCH_PG_PORT:-5452}"
work="$(mktemp -d /tmp/growth-bench.XXXXXX)"
chmod 777 "$work" # PostgreSQL (user postgres) writes its log and socket here
pg_bin=""
cleanup() {
  if [ -n "$pg_bin" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work" # a million tickets take ~1 GB per engine
}
trap cleanup EXIT

echo "building (Release)"
dotnet build -c Release -nologo -v q bench/GrowthBench >/dev/null
bench=(dotnet bench/GrowthBench/bin/Release/net10.0/growth-bench.dll --tickets "$tickets" --reporters "$reporters" --blocks "$blocks" --iterations "$iterations" $explain)
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$run_sqlite" = 1 ]; then
  echo "== SQLite"
  "${bench[@]}" --provider Sqlite --empty "Data Source=$work/empty.db" --big "Data Source=$work/big.db"
fi

if [ "$run_postgres" = 1 ]; then
  echo "== PostgreSQL"
  start_bench_postgres "$work" "$pg_port"
  for db in empty big; do psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE $db" >/dev/null; done
  "${bench[@]}" --provider Postgres --db-pid "$(head -n 1 "$work/pg/postmaster.pid")" \
    --empty "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=empty" --big "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=big"
fi
