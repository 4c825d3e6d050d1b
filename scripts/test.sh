#!/usr/bin/env bash
# The test command (README): installs and starts what the tests need, runs every test project, stops the servers.
# The last line is the total over all test projects: "N passed, N failed[, N skipped]".
# Exit code: non-zero when a test failed or none ran.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run_dir="${TEST_RUN_DIR:-$(mktemp -d /tmp/wechat-logistics-test.XXXXXX)}"
mkdir -p "$run_dir"
redis_port="${TEST_REDIS_PORT:-6391}"
pg_port="${TEST_PG_PORT:-5441}"
pids_to_stop=()

log() { printf '[test.sh] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi
}

apt_updated=0
ensure_package() { # ensure_package <command-to-find> <debian-package>
  if command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; then return 0; fi
  log "installing $2 (apt-get)"
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq >/dev/null && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$2" >/dev/null
}

start_redis() {
  ensure_package redis-server redis-server
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$run_dir/redis.pid" --logfile "$run_dir/redis.log" --dir "$run_dir"
  for _ in $(seq 1 50); do
    if redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then return 0; fi
    sleep 0.1
  done
  log "redis-server did not start; see $run_dir/redis.log"; return 1
}

stop_all() {
  if [ -n "${cluster_started:-}" ]; then CLUSTER_DIR="$run_dir/cluster" scripts/cluster.sh down >/dev/null 2>&1; fi
  if [ -f "$run_dir/redis.pid" ]; then redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$run_dir/redis.pid")" 2>/dev/null; fi
  if [ -n "${pg_bin:-}" ] && [ -d "$run_dir/pg" ]; then as_pg "$pg_bin/pg_ctl" -D "$run_dir/pg" -m immediate stop >/dev/null 2>&1; fi
  for pid in "${pids_to_stop[@]}"; do kill "$pid" 2>/dev/null; done
}
trap stop_all EXIT

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    ensure_package /usr/lib/postgresql/15/bin/initdb postgresql
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  mkdir -p "$run_dir/pg" && chmod 777 "$run_dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$run_dir/pg"; fi
  as_pg "$pg_bin/initdb" -D "$run_dir/pg" -U postgres --auth=trust -E UTF8 >/dev/null || return 1
  as_pg "$pg_bin/pg_ctl" -D "$run_dir/pg" -l "$run_dir/pg.log" -w \
    -o "-p $pg_port -k $run_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null || return 1
}

start_redis || exit 1
export ConnectionStrings__TestRedis="127.0.0.1:${redis_port}"
if [ "${TEST_WITH_POSTGRES:-auto}" != "no" ] && grep -rqs --include='*.cs' 'TestPostgres' tests; then
  start_postgres || { log "PostgreSQL did not start; see $run_dir/pg.log"; exit 1; }
  export ConnectionStrings__TestPostgres="Host=127.0.0.1;Port=${pg_port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=200"
fi

# The admin page's browser tests (tests/Bot.Tests/Admin) drive Debian's chromium through Playwright with an explicit
# executable path: Playwright's own browser download cannot run here. Without it they fail in CI, skip elsewhere.
if grep -rqs --include='*.cs' 'Microsoft.Playwright' tests; then
  ensure_package chromium chromium || { log "chromium could not be installed"; exit 1; }
fi

log "building"
dotnet build WechatLogistics.sln -c Release -nologo -v q 2>&1 | tail -n 3
if [ "${PIPESTATUS[0]}" != 0 ]; then echo "0 passed, 1 failed"; exit 1; fi

# The production-shaped cluster (scripts/cluster.sh: PostgreSQL, Redis, two Bot instances, nginx, fake WeChat API) for
# the multi-instance and fault tests in tests/Bot.Tests/Cluster. Its own ports, so it never meets the servers above.
if [ "${TEST_WITH_CLUSTER:-auto}" != "no" ] && grep -rqs --include='*.cs' 'TestCluster.Get' tests; then
  export CLUSTER_DIR="$run_dir/cluster" CLUSTER_PORT="${TEST_CLUSTER_PORT:-8181}" CLUSTER_BOT_PORT="${TEST_CLUSTER_BOT_PORT:-5311}" \
    CLUSTER_PG_PORT="${TEST_CLUSTER_PG_PORT:-5471}" CLUSTER_REDIS_PORT="${TEST_CLUSTER_REDIS_PORT:-6421}" CLUSTER_API_PORT="${TEST_CLUSTER_API_PORT:-5391}" \
    CLUSTER_INSTANCES=2
  cluster_started=1
  # The SLA monitors scan every 5 s there, so the once-across-instances test does not wait a minute per scan; a hung
  # WeChat API call is given up after 2 s, so the slow-API drill does not wait 10 s per attempt; an answer owed by a
  # killed instance is replayed after 20 s, inside the minute the kill drill waits for late answers.
  export CLUSTER_BOT_SETTINGS="Sla__ScanSeconds=5 Sla__SupervisorUserIds=zhu.ren WeChat__ApiTimeoutSeconds=2 Deliveries__ReplayAfter=00:00:20"
  scripts/cluster.sh up || { log "the test cluster did not start; see $CLUSTER_DIR"; exit 1; }
  export TestCluster__Url="http://127.0.0.1:$CLUSTER_PORT" \
    TestCluster__Instances="http://127.0.0.1:$CLUSTER_BOT_PORT,http://127.0.0.1:$((CLUSTER_BOT_PORT + 1))" \
    TestCluster__Postgres="Host=127.0.0.1;Port=$CLUSTER_PG_PORT;Username=postgres;Database=wechat_logistics" \
    TestCluster__Redis="127.0.0.1:$CLUSTER_REDIS_PORT" TestCluster__FakeApi="http://127.0.0.1:$CLUSTER_API_PORT"
fi

log "testing"
out="$run_dir/test-output.txt"
dotnet test --solution WechatLogistics.sln -c Release --no-build 2>&1 | tee "$out"
status=${PIPESTATUS[0]}

passed=$(grep -E '^\s+succeeded:' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed:' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s+skipped:' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
total=$(grep -E '^\s+total:' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)

if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
if [ "$status" != 0 ]; then
  # The log of a red run is long; repeat each failed test and the start of its message where the reader looks first.
  echo "---- failed tests (first lines of each) ----"
  grep -E -A 12 '^(failed|error) ' "$out" | cut -c1-300 | head -n 200
  echo "----"
fi
summary="${passed:-0} passed, ${failed:-0} failed"
if [ "${skipped:-0}" != 0 ]; then summary="$summary, $skipped skipped"; fi
echo "$summary"
if [ "$status" != 0 ] || [ "${failed:-0}" != 0 ] || [ "${total:-0}" = 0 ]; then exit 1; fi
exit 0
