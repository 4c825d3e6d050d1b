#!/usr/bin/env bash
# Mini-program API benchmark (issue 6): GET /api/mini/tickets and POST /api/mini/tickets (JSON, no photos) with
# USERS signed-in students over as many connections, against the minimal Kestrel baseline in the same run.
#   bench/mini.sh [duration-seconds=15] [users=200]
# The students sign in through the simulator's fake jscode2session first. The Bot runs Release with Redis and SQLite
# (BOT_ENV adds settings, e.g. BOT_ENV="Database__Provider=Postgres ConnectionStrings__App=…").
# Needs redis-server and wrk (installed with apt-get when missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
duration="${1:-15}"
users="${2:-200}"
redis_port="${BENCH_REDIS_PORT:-6396}" bot_port="${BENCH_BOT_PORT:-5103}" base_port="${BENCH_BASE_PORT:-5104}" api_port="${BENCH_API_PORT:-5105}"
bench_start mini
ensure_tools redis-server wrk

for project in src/Bot bench/WebhookBench tools/Simulator; do dotnet build -c Release -nologo -v q "$project" >/dev/null; done
start_redis "$redis_port"
dotnet bench/WebhookBench/bin/Release/net10.0/webhook-bench.dll baseline --port "$base_port" & track_pid $!
dotnet tools/Simulator/bin/Release/net10.0/wechat-sim.dll serve-api --port "$api_port" >/dev/null & track_pid $!
env ${BOT_ENV:-} ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Redis="127.0.0.1:$redis_port" \
  ConnectionStrings__App="Data Source=$work/bench.db" Urls="http://127.0.0.1:$bot_port" Logging__LogLevel__Default=Warning \
  WeChat__ApiBaseUrl="http://127.0.0.1:$api_port" WeCom__ApiBaseUrl="http://127.0.0.1:$api_port" \
  MiniProgram__AppId=wxminibench MiniProgram__AppSecret=bench-secret MiniApi__PhotoFolder="$work/photos" \
  MiniApi__RequestsPerMinute=1000000 MiniApi__LoginsPerMinute=1000000 \
  dotnet src/Bot/bin/Release/net10.0/WechatLogistics.Bot.dll >"$work/bot.log" 2>&1 & track_pid $!
wait_up "http://127.0.0.1:$bot_port/health"
wait_up "http://127.0.0.1:$base_port/"
wait_up "http://127.0.0.1:$api_port/_sim/log"

bot="http://127.0.0.1:$bot_port"
first_leaf() { python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["children"][0]["id"])'; }
mkdir -p "$work/logins"
export bot work
# One file per student: parallel curls writing into one pipe could interleave their answers.
seq 1 "$users" | xargs -P 8 -I{} sh -c 'curl -sf -o "$work/logins/{}.json" -X POST "$bot/api/mini/login" -H "Content-Type: application/json" -d "{\"code\":\"valid-bench{}-$$\"}"'
python3 -c 'import json,sys,glob; [print(json.load(open(f))["accessToken"]) for f in sorted(glob.glob(sys.argv[1] + "/logins/*.json"))]' "$work" >"$work/tokens.txt"
echo "signed in $(wc -l <"$work/tokens.txt") students"
token="$(head -n 1 "$work/tokens.txt")"
category="$(curl -sf "$bot/api/mini/categories" -H "Authorization: Bearer $token" | first_leaf)"
body="{\"categoryId\":\"$category\",\"locationText\":\"东区学生公寓1号楼 302\",\"description\":\"水龙头一直滴水（压测）\"}"

phase() { # phase <label> <port> <mode>
  wrk_phase "$1" "http://127.0.0.1:$2" bench/mini.lua "$duration" "$users" TOKENS="$work/tokens.txt" MODE="$3" BODY="$body"
}
# Creates first, so that the list reads students with tickets (the page and the COUNT of a real list).
base_create=$(phase baseline-create "$base_port" create)
bot_create=$(phase bot-create "$bot_port" create)
base_list=$(phase baseline-list "$base_port" list)
bot_list=$(phase bot-list "$bot_port" list)
printf '%s\n' "$base_create" "$bot_create" "$base_list" "$bot_list"
print_ratio "POST /api/mini/tickets" "$base_create" "$bot_create"
print_ratio "GET /api/mini/tickets" "$base_list" "$bot_list"
sqlite3 "$work/bench.db" 'SELECT COUNT(*) || " tickets stored" FROM RepairTickets' 2>/dev/null || true
grep -ciE 'fail|exception' "$work/bot.log" | xargs -I{} echo "bot log lines mentioning failures: {}"
