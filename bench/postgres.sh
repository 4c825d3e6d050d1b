# Sourced by the data benchmarks (growth.sh, kpi.sh, assets.sh): a throw-away PostgreSQL server for one run.
# start_bench_postgres <work folder> <port>: installs the server with apt-get when missing, initdb in <work>/pg, starts it on
# 127.0.0.1:<port> tuned for bulk loads, and sets pg_bin (the caller's cleanup stops it with pg_ctl -m immediate).
start_bench_postgres() {
  local work="$1" port="$2"
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pg_bin" ]; then
    apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  mkdir -p "$work/pg" && chown postgres "$work/pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c shared_buffers=256MB -c maintenance_work_mem=256MB -c max_wal_size=4GB" start >/dev/null
}

# postgres_bench_work <name>: a temp folder in $work that user postgres can write to (its log and socket), removed on
# exit with the server start_bench_postgres left running.
postgres_bench_work() {
  work="$(mktemp -d "/tmp/$1-bench.XXXXXX")"
  chmod 777 "$work"
  pg_bin=""
  trap 'if [ -n "$pg_bin" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi; rm -rf "$work"' EXIT
}
