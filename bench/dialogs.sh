#!/usr/bin/env bash
# 报修 dialog benchmark (issue: repair reports, feedback and volunteer shifts): N students at once, each going through a
# complete 报修 (报修 → 1 → 1 → place → description → 跳过 → 确认) with signed, encrypted safe-mode messages, each
# waiting for its reply. Baseline in the same run: the same users and number of messages on the cheapest path (帮助).
#   bench/dialogs.sh [--users 500] [--rounds 3] [--postgres]
# Prints tickets/s, p50/p99 per message (and per step), errors, CPU per message of the Bot, Redis and PostgreSQL,
# the ratios to the baseline, and checks the database holds exactly the tickets the students were told about.
# Needs redis-server (and PostgreSQL's server binaries with --postgres); installs them with apt-get when missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
users=500 rounds=3 provider=Sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --users) users="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --postgres) provider=Postgres; shift ;;
    *) echo "usage: bench/dialogs.sh [--users 500] [--rounds 3] [--postgres]" >&2; exit 2 ;;
  esac
done
redis_port="${BENCH_REDIS_PORT:-6394}" bot_port="${BENCH_BOT_PORT:-5101}" api_port="${BENCH_API_PORT:-5102}" pg_port="${BENCH_PG_PORT:-5451}"
work="$(mktemp -d /tmp/dialog-bench.XXXXXX)"
chmod 777 "$work" # PostgreSQL (user postgres) writes its log and socket here
pids=()
pg_bin=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  if [ -n "$pg_bin" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work/pg"; fi
  echo "logs and ticket numbers kept in $work"
}
trap cleanup EXIT

apt_updated=0
need() { # need <command or path> <debian package>
  command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] && return 0
  [ "$apt_updated" = 1 ] || { apt-get update -qq >/dev/null; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need redis-server redis-server
need sqlite3 sqlite3

echo "building (Release)"
dotnet build -c Release -nologo -v q src/Bot >/dev/null
dotnet build -c Release -nologo -v q bench/WebhookBench >/dev/null

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"
for _ in $(seq 1 50); do [ -s "$work/redis.pid" ] && break; sleep 0.1; done
cpu="redis=$(cat "$work/redis.pid")" cpu_tree=""

if [ "$provider" = Postgres ]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pg_bin" ]; then need /usr/lib/postgresql/15/bin/initdb postgresql; pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"; fi
  mkdir -p "$work/pg" && chown postgres "$work/pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  # Durable writes (fsync on); commits do not wait for the WAL flush, like SQLite's WAL with synchronous=NORMAL.
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
  conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=bench${BENCH_PG_EXTRA:-}"
  cpu_tree="db=$(head -n 1 "$work/pg/postmaster.pid")"
  count_sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -Atc "$1"; }
else
  conn="Data Source=$work/bench.db"
  count_sql() { sqlite3 "$work/bench.db" "$1"; }
fi

env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Redis="127.0.0.1:$redis_port" Database__Provider="$provider" \
  ConnectionStrings__App="$conn" WeChat__ApiBaseUrl="http://127.0.0.1:$api_port" Urls="http://127.0.0.1:$bot_port" \
  Logging__LogLevel__Default=Warning dotnet src/Bot/bin/Release/net10.0/WechatLogistics.Bot.dll >"$work/bot.log" 2>&1 & pids+=($!)
bot_pid=$!
cpu="bot=$bot_pid,$cpu"
for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$bot_port/health" && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$bot_port/health" || { echo "bot not up; see $work/bot.log" >&2; cat "$work/bot.log" >&2; exit 1; }

echo "provider $provider, $users users × $rounds rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
prefix="o-dlg-$(date +%s)-"
status=0
dotnet bench/WebhookBench/bin/Release/net10.0/webhook-bench.dll dialogs --bot "http://127.0.0.1:$bot_port" --api-port "$api_port" \
  --users "$users" --rounds "$rounds" --user-prefix "$prefix" --numbers-out "$work/numbers.txt" --cpu "$cpu" --cpu-tree "$cpu_tree" || status=$?

# The database must hold exactly the tickets the students were told about: none lost, none twice.
told=$(wc -l <"$work/numbers.txt")
read -r rows distinct < <(count_sql "SELECT COUNT(*), COUNT(DISTINCT \"Number\") FROM \"RepairTickets\" WHERE \"ReporterOpenId\" LIKE '$prefix%'" | tr '|' ' ')
per_user=$(count_sql "SELECT COUNT(*) FROM (SELECT \"ReporterOpenId\" FROM \"RepairTickets\" WHERE \"ReporterOpenId\" LIKE '$prefix%' GROUP BY \"ReporterOpenId\" HAVING COUNT(*) > 1) d")
count_sql "SELECT \"Number\" FROM \"RepairTickets\" WHERE \"ReporterOpenId\" LIKE '$prefix%' ORDER BY \"Number\"" >"$work/db-numbers.txt"
LC_ALL=C sort "$work/numbers.txt" >"$work/told-sorted.txt"; LC_ALL=C sort "$work/db-numbers.txt" -o "$work/db-numbers.txt"
if [ "$rows" = "$told" ] && [ "$distinct" = "$told" ] && [ "$per_user" = 0 ] && cmp -s "$work/told-sorted.txt" "$work/db-numbers.txt"; then
  echo "database check: OK — $rows tickets in the database = $told completed dialogs, all numbers distinct and the same as told, one per student"
else
  echo "database check: FAILED — $rows rows ($distinct distinct numbers, $per_user students with more than one) for $told completed dialogs"
  status=1
fi
# EF logs one failed query when it first looks for its migrations table in a new database: expected, not counted.
failures=$(grep -cE '^(fail|crit):' "$work/bot.log" || true)
expected=$(grep -c 'FROM "__EFMigrationsHistory"' "$work/bot.log" || true)
echo "bot log: $((failures - expected)) fail/crit entries (not counting $expected from EF's first look at __EFMigrationsHistory); $(grep -c '^warn:' "$work/bot.log" || true) warnings"
exit $status
