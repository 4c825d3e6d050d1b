#!/usr/bin/env bash
# Announcement fan-out benchmark (issue "Talking back"): one announcement to N students (default 30 000), delivered by
# the outbox to the simulator's fake API (serve-api, its own process). Run twice: with the rate limits on (the
# configured Official Account guard, Outbox:OfficialAccountPerSecond) and with them off — the dispatcher's own overhead.
#   bench/fanout.sh [recipients=30000]
# Prints, per run: time to deliver all, the bot's CPU time and peak memory (from /proc). Needs redis-server.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
count="${1:-30000}"
work="$(mktemp -d /tmp/fanout-bench.XXXXXX)"
redis_port=6393 bot_port=5096 api_port=5095
app_id="wxbench0000000001"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; redis-cli -p $redis_port shutdown nosave >/dev/null 2>&1 || true; }
trap cleanup EXIT

command -v redis-server >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
dotnet build -c Release -nologo -v q bench/FanoutBench >/dev/null
dotnet build -c Release -nologo -v q tools/Simulator >/dev/null
redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile "$work/redis.log"
driver="dotnet bench/FanoutBench/bin/Release/net10.0/fanout-bench.dll"

dotnet tools/Simulator/bin/Release/net10.0/wechat-sim.dll serve-api --port $api_port >/dev/null & pids+=($!)
wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not up: $1" >&2; return 1; }
wait_up "http://127.0.0.1:$api_port/_sim/log"

run() { # run <label> <rate-limits-enabled>
  local db="Data Source=$work/$1.db"
  redis-cli -p $redis_port flushall >/dev/null
  $driver seed --db "$db" --redis "127.0.0.1:$redis_port" --appid $app_id --count "$count" >/dev/null
  curl -s -X DELETE "http://127.0.0.1:$api_port/_sim/log" >/dev/null
  env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Redis="127.0.0.1:$redis_port" ConnectionStrings__App="$db" \
    Urls="http://127.0.0.1:$bot_port" WeChat__AppId=$app_id WeChat__ApiBaseUrl="http://127.0.0.1:$api_port" \
    Outbox__RateLimitsEnabled="$2" Logging__LogLevel__Default=Warning \
    dotnet src/Bot/bin/Release/net10.0/WechatLogistics.Bot.dll >"$work/bot-$1.log" 2>&1 &
  local bot=$!
  wait_up "http://127.0.0.1:$bot_port/health"
  $driver run --bot "http://127.0.0.1:$bot_port" --pid $bot --count "$count" | grep RESULT | sed "s/^RESULT/$1/"
  kill $bot; wait $bot 2>/dev/null || true
  local calls
  calls=$(curl -s "http://127.0.0.1:$api_port/_sim/log" | grep -o '"path":"/cgi-bin/message/custom/send"' | wc -l)
  echo "$1: fake API received $calls customer-service calls"
}

echo "fan-out of $count recipients, $(nproc) cores"
run rate-limited true
run own-overhead false
