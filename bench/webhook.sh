#!/usr/bin/env bash
# Webhook load benchmark (issue: foundation): the Bot's safe-mode path against a minimal Kestrel baseline, in the same run.
#   bench/webhook.sh [duration-seconds=15] [connections=32]
# Prints throughput and p50/p99 for both, and the ratio. Needs redis-server and wrk (installed with apt-get when missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
duration="${1:-15}"
connections="${2:-32}"
threads="${WRK_THREADS:-2}"
work="$(mktemp -d /tmp/webhook-bench.XXXXXX)"
redis_port=6392 bot_port=5098 base_port=5099
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; redis-cli -p $redis_port shutdown nosave >/dev/null 2>&1 || true; }
trap cleanup EXIT

for tool in redis-server wrk; do
  command -v $tool >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

dotnet build -c Release -nologo -v q src/Bot >/dev/null
dotnet build -c Release -nologo -v q bench/WebhookBench >/dev/null
redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile "$work/redis.log"

bench_dll=bench/WebhookBench/bin/Release/net10.0/webhook-bench.dll
dotnet "$bench_dll" baseline --port $base_port & pids+=($!)
redis_conn="127.0.0.1:$redis_port"; [ "${BENCH_NO_REDIS:-0}" = 1 ] && redis_conn=""
# One client address sends everything here: the per-address callback limit (WeChat:CallbackRateLimit) is off, the
# benchmark measures what the Bot can process.
env ${BOT_ENV:-} WeChat__CallbackRateLimit__PermitsPerSecond=0 ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Redis="$redis_conn" ConnectionStrings__App="Data Source=$work/bench.db" Urls="http://127.0.0.1:$bot_port" \
  Logging__LogLevel__Default=Warning dotnet src/Bot/bin/Release/net10.0/WechatLogistics.Bot.dll >"$work/bot.log" 2>&1 & pids+=($!)

wait_up() { for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not up: $1" >&2; return 1; }
wait_up "http://127.0.0.1:$bot_port/health"
wait_up "http://127.0.0.1:$base_port/"

count=$(( duration * 12000 ))
dotnet "$bench_dll" gen --count "$count" --out "$work/pushes.txt"
echo "generated $count unique safe-mode pushes"

run() { # run <name> <port>
  # Warm up (JIT, connection pools) on a separate slice of pushes, then measure.
  PUSHES="$work/warm.txt" WRK_THREADS=$threads wrk -t"$threads" -c"$connections" -d10s -s bench/webhook.lua "http://127.0.0.1:$2" >/dev/null
  PUSHES="$work/pushes.txt" WRK_THREADS=$threads wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/webhook.lua "http://127.0.0.1:$2" \
    | grep RESULT | sed "s/^RESULT/$1/"
}
dotnet "$bench_dll" gen --count 150000 --out "$work/warm.txt"

base=$(run baseline $base_port)
bot=$(run bot $bot_port)
echo "$base"
echo "$bot"
requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$bot")
if [ "$requests" -gt "$count" ]; then echo "warning: the bot run used more requests ($requests) than unique pushes ($count); some were duplicates"; fi
rps() { sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$1"; }
awk -v b="$(rps "$base")" -v t="$(rps "$bot")" 'BEGIN { printf "ratio bot/baseline throughput = %.3f\n", t / b }'
grep -ciE 'fail|exception' "$work/bot.log" | xargs -I{} echo "bot log lines mentioning failures: {}"
