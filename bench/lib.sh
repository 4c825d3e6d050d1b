# Shared by the HTTP benchmarks (webhook.sh, mini.sh): source it after `set -euo pipefail`.
# Gives: bench_start <name> (work folder, cleanup on exit), ensure_tools, start_redis, track_pid, wait_up,
# wrk_phase (warm-up then a measured run; prints one RESULT line), rps_of and print_ratio.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bench_pids=()
bench_redis_port=""

bench_start() { # bench_start <name>: a temp folder in $work, everything started is stopped on exit
  work="$(mktemp -d "/tmp/$1-bench.XXXXXX")"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$bench_redis_port" ]; then redis-cli -p "$bench_redis_port" shutdown nosave >/dev/null 2>&1 || true; fi
}

track_pid() { bench_pids+=("$1"); }

ensure_tools() { # ensure_tools <debian-package>…: each package's command of the same name
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
  done
}

start_redis() { # start_redis <port>
  bench_redis_port="$1"
  redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile "$work/redis.log"
}

wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not up: $1" >&2; return 1; }

wrk_phase() { # wrk_phase <label> <url> <script> <seconds> <connections> [NAME=value…]: 10 s warm-up, then the run
  local label="$1" url="$2" script="$3" seconds="$4" connections="$5"
  shift 5
  local threads="${WRK_THREADS:-2}"
  env "$@" WRK_THREADS="$threads" WRK_PHASE=warm wrk -t"$threads" -c"$connections" -d"${BENCH_WARMUP:-10}s" -s "$script" "$url" >/dev/null
  # A long timeout, so slow answers are measured (wrk leaves timed-out requests out of its latency figures).
  env "$@" WRK_THREADS="$threads" WRK_PHASE=run wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout "${WRK_TIMEOUT:-10}s" --latency -s "$script" "$url" \
    | grep RESULT | sed "s/^RESULT/$label/"
}

rps_of() { sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$1"; }

p99_of() { sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$1"; }

print_ratio() { # print_ratio <what> <baseline RESULT line> <measured RESULT line>
  awk -v what="$1" -v b="$(rps_of "$2")" -v t="$(rps_of "$3")" -v bp="$(p99_of "$2")" -v tp="$(p99_of "$3")" \
    'BEGIN { printf "ratio %s: throughput %.3f of baseline, p99 %.1f× baseline\n", what, t / b, tp / bp }'
}
