#!/usr/bin/env bash
# Webhook load benchmark (issue: foundation): the Bot's safe-mode path against a minimal Kestrel baseline, in the same run.
#   bench/webhook.sh [duration-seconds=15] [connections=32]
# Prints throughput and p50/p99 for both, and the ratio. Needs redis-server and wrk (installed with apt-get when missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
duration="${1:-15}"
connections="${2:-32}"
redis_port=6392 bot_port=5098 base_port=5099
bench_start webhook
ensure_tools redis-server wrk

dotnet build -c Release -nologo -v q src/Bot >/dev/null
dotnet build -c Release -nologo -v q bench/WebhookBench >/dev/null
start_redis $redis_port

bench_dll=bench/WebhookBench/bin/Release/net10.0/webhook-bench.dll
dotnet "$bench_dll" baseline --port $base_port & track_pid $!
redis_conn="127.0.0.1:$redis_port"; [ "${BENCH_NO_REDIS:-0}" = 1 ] && redis_conn=""
# One client address sends everything here: the per-address callback limit (WeChat:CallbackRateLimit) is off, the
# benchmark measures what the Bot can process.
env ${BOT_ENV:-} WeChat__CallbackRateLimit__PermitsPerSecond=0 ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Redis="$redis_conn" ConnectionStrings__App="Data Source=$work/bench.db" Urls="http://127.0.0.1:$bot_port" \
  Logging__LogLevel__Default=Warning dotnet src/Bot/bin/Release/net10.0/WechatLogistics.Bot.dll >"$work/bot.log" 2>&1 & track_pid $!

wait_up "http://127.0.0.1:$bot_port/health"
wait_up "http://127.0.0.1:$base_port/"

count=$(( duration * 12000 ))
dotnet "$bench_dll" gen --count "$count" --out "$work/pushes.txt"
echo "generated $count unique safe-mode pushes"
dotnet "$bench_dll" gen --count 400000 --out "$work/warm.txt"

# 30 s of warm-up (lib.sh's default is 10): under load on this machine the Bot's tiered JIT was still compiling hot
# methods 10–20 s in (perf: 19 % of the Bot's samples in the JIT thread then), which a 10 s warm-up left in the run.
export BENCH_WARMUP="${BENCH_WARMUP:-30}"
run() { # run <name> <port>: warm up (JIT, connection pools) on a separate slice of pushes, then measure
  wrk_phase "$1" "http://127.0.0.1:$2" bench/webhook.lua "$duration" "$connections" PUSHES_WARM="$work/warm.txt" PUSHES="$work/pushes.txt"
}

base=$(run baseline $base_port)
bot=$(run bot $bot_port)
echo "$base"
echo "$bot"
requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$bot")
if [ "$requests" -gt "$count" ]; then echo "warning: the bot run used more requests ($requests) than unique pushes ($count); some were duplicates"; fi
awk -v b="$(rps_of "$base")" -v t="$(rps_of "$bot")" 'BEGIN { printf "ratio bot/baseline throughput = %.3f\n", t / b }'
grep -ciE 'fail|exception' "$work/bot.log" | xargs -I{} echo "bot log lines mentioning failures: {}"
