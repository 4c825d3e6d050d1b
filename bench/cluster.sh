#!/usr/bin/env bash
# Scale-out benchmarks (issue: scale-out and hardening) on the production-shaped layout of scripts/cluster.sh —
# nginx in front of N Bot instances on PostgreSQL and Redis, all on this machine:
#   scale  webhook throughput and p99 through nginx to 1 and to 2 instances (the scaling ratio), beside the minimal
#          Kestrel baseline of bench/webhook.sh measured directly in the same run;
#   storm  a report storm: --students (5 000) students at once, each completing a 报修 dialog through nginx to 2
#          instances (webhook-bench dialogs), beside the same students sending 帮助; the database must then hold
#          exactly one ticket per student, the number each was told;
#   soak   --minutes (10) of continuous 报修 dialogs through nginx to 2 instances, each instance's resident memory
#          sampled every 30 s beside its GC heap (size after the last collection, committed memory, gen-2 collections so
#          far; dotnet-counters, pinned in dotnet-tools.json), then a minute idle: growth = the last load minute's RSS /
#          the first load minute's, and the second half's (last / halfway). A heap that levels off while RSS grows is
#          native memory; both growing is a leak. The students come from a --population (30 000, a campus; 0 = new
#          ones every round) in blocks of 300, so per-student state stops growing once all have been seen. The first
#          --warmup minutes (15) of load are not measured: caches fill and the GC sizes its budgets there; growth is
#          counted from the first sample after them. --settings2 gives instance 2 extra settings (an A/B in one load).
#   bench/cluster.sh [--only scale|storm|soak] [--seconds 15] [--connections 64] [--students 5000] [--minutes 10]
#                    [--population 30000] [--warmup 15] [--settings "Webhook__MaxInFlight=32 …"] (extra Bot settings for
#                    every cluster) [--settings2 "DOTNET_GCConserveMemory=5 …"] (and for instance 2 only)
# Ports (all loopback): nginx 8281, Bots 5411…, PostgreSQL 5481, Redis 6431, wechat-sim 5491, dialog driver's fake
# Official Account API 5492, baseline 5493. Installs redis-server, postgresql, nginx and wrk when missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
only="" seconds=15 connections=64 students=5000 minutes=10 population=30000 warmup=15 extra_settings="" second_settings=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --students) students="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --population) population="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --settings) extra_settings="$2"; shift 2 ;;
    --settings2) second_settings="$2"; shift 2 ;;
    *) echo "usage: bench/cluster.sh [--only scale|storm|soak] [--seconds 15] [--connections 64] [--students 5000] [--minutes 10] [--population 30000] [--warmup 15] [--settings \"K=V …\"] [--settings2 \"K=V …\"]" >&2; exit 2 ;;
  esac
done
bench_start cluster
chmod 777 "$work" # PostgreSQL (user postgres) keeps the cluster's data and socket here
ensure_tools wrk curl
export CLUSTER_PORT=8281 CLUSTER_BOT_PORT=5411 CLUSTER_PG_PORT=5481 CLUSTER_REDIS_PORT=6431 CLUSTER_API_PORT=5491
dialog_api_port=5492 base_port=5493
lb="http://127.0.0.1:$CLUSTER_PORT"
bench_dll=bench/WebhookBench/bin/Release/net10.0/webhook-bench.dll
# One client address (this one) sends everything: the per-address callback limit is off, as in bench/webhook.sh.
base_settings="WeChat__CallbackRateLimit__PermitsPerSecond=0 $extra_settings"
current=""
status=0

cluster_up() { # cluster_up <name> <instances> [extra Bot settings…]: a fresh cluster in its own folder
  local name="$1" n="$2"
  shift 2
  current="$work/$name"
  CLUSTER_PG_OPTIONS="$pg_options" CLUSTER_DIR="$current" CLUSTER_INSTANCES="$n" CLUSTER_BOT_SETTINGS="$base_settings $*" CLUSTER_BOT2_SETTINGS="$second_settings" scripts/cluster.sh up 2>>"$work/cluster.log" \
    || { echo "cluster $name did not start; see $work/cluster.log and $current" >&2; exit 1; }
}

# BENCH_PG_STATEMENTS=N: the storm also prints PostgreSQL's N statements with the most execution time
# (pg_stat_statements, loaded for the run), to see where the database's share goes.
pg_statements="${BENCH_PG_STATEMENTS:-0}"
pg_options=""
[ "$pg_statements" -gt 0 ] && pg_options="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"

cluster_down() { [ -z "$current" ] || CLUSTER_DIR="$current" scripts/cluster.sh down 2>>"$work/cluster.log" || true; current=""; }
trap 'cluster_down; bench_cleanup' EXIT

bot_pids() { cat "$current"/bot*.pid | paste -sd' '; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
rss_line() { local p out=""; for p in $(bot_pids); do out+=" $(rss_mb "$p")"; done; echo "${out# }"; }

dotnet build -c Release -nologo -v q src/Bot >/dev/null
dotnet build -c Release -nologo -v q bench/WebhookBench >/dev/null
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start${extra_settings:+; Bot settings: $extra_settings}${second_settings:+; instance 2 also: $second_settings}"

if [ -z "$only" ] || [ "$only" = scale ]; then
  dotnet "$bench_dll" baseline --port $base_port & track_pid $!
  wait_up "http://127.0.0.1:$base_port/"
  count=$(( seconds * 12000 ))
  dotnet "$bench_dll" gen --count "$count" --out "$work/pushes.txt"
  dotnet "$bench_dll" gen --count 150000 --out "$work/warm.txt"
  run() { wrk_phase "$1" "$2" bench/webhook.lua "$seconds" "$connections" PUSHES_WARM="$work/warm.txt" PUSHES="$work/pushes.txt"; }
  base=$(run baseline "http://127.0.0.1:$base_port")
  # Each cluster is new (its own Redis and database), so the same unique pushes are new to each.
  cluster_up scale1 1
  one=$(run "nginx→1" "$lb")
  echo "memory after the run (MB RSS): $(rss_line)"
  cluster_down
  cluster_up scale2 2
  two=$(run "nginx→2" "$lb")
  echo "memory after the run (MB RSS per instance): $(rss_line)"
  cluster_down
  echo "$base"; echo "$one"; echo "$two"
  print_ratio "nginx→1 / baseline" "$base" "$one"
  print_ratio "nginx→2 / baseline" "$base" "$two"
  awk -v one="$(rps_of "$one")" -v two="$(rps_of "$two")" -v p1="$(p99_of "$one")" -v p2="$(p99_of "$two")" \
    'BEGIN { printf "scaling nginx→2 / nginx→1: throughput %.2f×, p99 %.2f×\n", two / one, p2 / p1 }'
fi

# The dialog driver serves the Official Account API itself (tokens, the customer-service messages of late answers),
# so the Bots' WeChat calls go to it; WeCom (the new-ticket robot notices) stays on the cluster's wechat-sim.
dialogs() { # dialogs <users> <rounds> <warm-up users> <prefix> <numbers file>
  local cpu="" i=1 p
  for p in $(bot_pids); do cpu+="bot$i=$p,"; i=$((i + 1)); done
  cpu+="redis=$(cat "$current/redis.pid")"
  dotnet "$bench_dll" dialogs --bot "$lb" --api-port "$dialog_api_port" --users "$1" --rounds "$2" --warmup-users "$3" \
    --user-prefix "$4" --numbers-out "$5" --cpu "$cpu" --cpu-tree "db=$(head -n 1 "$current/pg/postmaster.pid")"
}

gc_summary() { # gc_summary <dotnet-counters csv>: per sample, RSS, GC heap after the last collection, committed, gen-2 so far
  echo "$(basename "$1" .csv) (MB; gen-2 = collections so far):"
  awk -F, '
    function flush() { if (t != "") printf "  %s  RSS %4.0f  heap %4.0f  committed %4.0f  gen-2 %d\n", t, rss / 1048576, heap / 1048576, committed / 1048576, gen2 }
    $1 != t && NR > 1 { flush(); t = $1; heap = 0 }
    $3 ~ /^dotnet.process.memory.working_set/ { rss = $5 }
    $3 ~ /^dotnet.gc.last_collection.heap.size/ { heap += $5 }
    $3 ~ /^dotnet.gc.last_collection.memory.committed_size/ { committed = $5 }
    $3 ~ /^dotnet.gc.collections.*gen2/ { gen2 += $5 }
    END { flush() }' "$1"
}

db_check() { # db_check <prefix> <numbers file>: the tickets of these students are exactly the numbers they were told
  local sql="psql -h 127.0.0.1 -p $CLUSTER_PG_PORT -U postgres -d wechat_logistics -Atc"
  $sql "SELECT \"Number\" FROM \"RepairTickets\" WHERE \"ReporterOpenId\" LIKE '$1%'" | LC_ALL=C sort >"$work/db-numbers.txt"
  LC_ALL=C sort "$2" >"$work/told.txt"
  local twice; twice=$($sql "SELECT COUNT(*) FROM (SELECT 1 FROM \"RepairTickets\" WHERE \"ReporterOpenId\" LIKE '$1%' GROUP BY \"ReporterOpenId\" HAVING COUNT(*) > 1) d")
  if [ "$twice" = 0 ] && cmp -s "$work/told.txt" "$work/db-numbers.txt"; then
    echo "database check: OK — $(wc -l <"$work/db-numbers.txt") tickets = the numbers told, one per student"
  else
    echo "database check: FAILED — $(wc -l <"$work/db-numbers.txt") tickets for $(wc -l <"$2") told, $twice students with more than one"
    return 1
  fi
}

if [ -z "$only" ] || [ "$only" = storm ]; then
  cluster_up storm 2 "WeChat__ApiBaseUrl=http://127.0.0.1:$dialog_api_port"
  echo "storm: $students students at once, nginx → 2 instances (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  prefix="o-storm-$(date +%s)-"
  sql="psql -h 127.0.0.1 -p $CLUSTER_PG_PORT -U postgres -d wechat_logistics -Atc"
  [ "$pg_statements" -gt 0 ] && $sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()" >/dev/null
  dialogs "$students" 1 200 "$prefix" "$work/storm-numbers.txt" | tee "$work/storm.txt" || status=1
  if [ "$pg_statements" -gt 0 ]; then
    echo "PostgreSQL statements with the most execution time (ms total, calls, ms per call, rows per call):"
    $sql "SELECT round(total_exec_time)::text || ' | ' || calls || ' | ' || round((total_exec_time / calls)::numeric, 3) || ' | ' || round(rows::numeric / calls, 1) || ' | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 220) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $pg_statements"
  fi
  db_check "$prefix" "$work/storm-numbers.txt" || status=1
  echo "memory after the storm (MB RSS per instance): $(rss_line)"
  # The maintenance group's robot takes 20 messages a minute: how many new-ticket notices are out within 2 minutes of
  # the storm's end (or how long all took), and in how many messages (the fake API's log).
  # What the outbox still has to do when the storm's last student is answered (incident checks, robot notices).
  outbox_rows() { $sql "SELECT string_agg(\"Channel\" || ' ' || \"Status\" || ' ' || n, ', ') FROM (SELECT \"Channel\", \"Status\", COUNT(*) AS n FROM \"OutboxMessages\" GROUP BY 1, 2 ORDER BY 1, 2) AS c"; }
  echo "outbox rows by channel and status at the storm's end: $(outbox_rows)"
  robot_from=$(date +%s)
  while pending=$($sql "SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Channel\" = 'WeComRobot' AND \"Status\" = 'Pending'") \
    && [ "$pending" != 0 ] && [ $(( $(date +%s) - robot_from )) -lt 120 ]; do sleep 5; done
  echo "robot notices: $($sql "SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Channel\" = 'WeComRobot' AND \"Status\" = 'Sent'") sent, $pending pending, $(( $(date +%s) - robot_from )) s after the storm's end; robot messages: $(grep -c 'webhook/send.*→ 0 ok' "$current/fake-api.log") delivered, $(grep -c 'webhook/send.*→ 45009' "$current/fake-api.log") refused (45009)"
  echo "outbox rows by channel and status, then: $(outbox_rows)"
  echo "bot log fail/crit entries: $(cat "$current"/bot*.log | grep -cE '^(fail|crit):' || true)"
  cluster_down
fi

if [ -z "$only" ] || [ "$only" = soak ]; then
  cluster_up soak 2 "WeChat__ApiBaseUrl=http://127.0.0.1:$dialog_api_port"
  run_id="$(date +%s)"
  echo "soak: $warmup minutes of warm-up, then $minutes measured minutes of 报修 dialogs (300 students a round, from a population of ${population/#0/unlimited}), nginx → 2 instances; RSS in MB per instance every 30 s"
  # Each instance's runtime counters every 30 s, for the GC heap beside RSS (gc_summary below).
  dotnet tool restore >/dev/null
  counters=()
  i=1
  for p in $(bot_pids); do
    dotnet tool run dotnet-counters collect -p "$p" --counters System.Runtime --format csv --refresh-interval 30 \
      -o "$work/counters-bot$i.csv" >"$work/counters-bot$i.log" 2>&1 &
    counters+=($!); track_pid $!
    i=$((i + 1))
  done
  end=$(( $(date +%s) + (warmup + minutes) * 60 ))
  round=0
  (
    while [ "$(date +%s)" -lt "$end" ]; do
      round=$((round + 1))
      # A campus has a fixed set of students who come back: round r is block r mod (population / 300) of them. Per-student
      # state (the follower set, the contact-window cache) then stops growing once everyone has been seen. 0: new ones.
      if [ "$population" -gt 0 ]; then who="o-soak-$run_id-$(( (round - 1) % (population / 300) ))-"; else who="o-soak-$round-$(date +%s)-"; fi
      dialogs 300 1 0 "$who" "$work/soak-numbers-$round.txt" >"$work/soak-round-$round.txt" 2>&1 || echo "round $round failed: see $work/soak-round-$round.txt"
    done
  ) & load_pid=$!
  start=$(date +%s)
  samples=()
  measured_from=$(( start + warmup * 60 ))
  while kill -0 "$load_pid" 2>/dev/null; do
    sleep 30
    line="$(rss_line)"
    # The sample at the warm-up's end is the measured window's first.
    if [ "$(date +%s)" -ge $(( measured_from - 15 )) ]; then samples+=("$line"); phase=""; else phase=" (warm-up)"; fi
    echo "  t=$(( $(date +%s) - start )) s: $line$phase"
  done
  wait "$load_pid" || true
  echo "rounds run: $(ls "$work"/soak-round-*.txt | wc -l); tickets told: $(cat "$work"/soak-numbers-*.txt | wc -l)"
  sleep 60
  idle="$(rss_line)"
  echo "  after 60 s idle: $idle"
  # Without a warm-up the window starts at the first load minute's sample (the second), as before.
  if [ "$warmup" -gt 0 ]; then first="${samples[0]}" from="the warm-up's end"; else first="${samples[1]:-${samples[0]}}" from="the first load minute"; fi
  last="${samples[${#samples[@]}-1]}" middle="${samples[${#samples[@]}/2]}"
  awk -v f="$first" -v m="$middle" -v l="$last" -v i="$idle" -v from="$from" 'BEGIN {
    n = split(f, a, " "); split(l, b, " "); split(i, c, " "); split(m, d, " ")
    for (k = 1; k <= n; k++) printf "instance %d: %s %d MB, halfway %d MB, last %d MB (growth %.2f×, second half %.2f×), idle %d MB\n", k, from, a[k], d[k], b[k], b[k] / a[k], b[k] / d[k], c[k]
  }'
  # Single samples ride the GC's sawtooth (±40 MB between collections): the measured window's first and last 2 minutes
  # (4 samples each) compared by their means as well.
  printf '%s\n' "${samples[@]}" | awk '{ for (k = 1; k <= NF; k++) v[NR, k] = $k; n = NF } END {
    w = NR < 8 ? int(NR / 2) : 4
    for (k = 1; k <= n; k++) {
      f = 0; l = 0
      for (r = 1; r <= w; r++) { f += v[r, k]; l += v[NR - w + r, k] }
      printf "instance %d: mean of the first %d samples %.0f MB, of the last %d %.0f MB (%.2f×)\n", k, w, f / w, w, l / w, l / f
    }
  }'
  kill "${counters[@]}" 2>/dev/null || true
  sleep 1
  for f in "$work"/counters-bot*.csv; do gc_summary "$f"; done
  cluster_down
fi
exit $status
