#!/usr/bin/env bash
# The production-shaped layout on loopback: PostgreSQL, Redis, N stateless Bot instances and nginx in front of them,
# plus the simulator's fake WeChat/WeCom API (the real hosts are not reachable here).
#
#   scripts/cluster.sh up [--instances N]      start everything (installs redis-server, postgresql, nginx when missing)
#   scripts/cluster.sh down                    stop everything started by `up`
#   scripts/cluster.sh status                  what is running, and each instance's /health
#   scripts/cluster.sh kill <i> | start <i>    SIGKILL / start Bot instance i (1-based), for fault drills
#   scripts/cluster.sh stop-redis | start-redis | stop-postgres | start-postgres
#
# Settings (environment): CLUSTER_DIR (state, logs; default /tmp/wechat-logistics-cluster), CLUSTER_PORT (nginx, 8080),
# CLUSTER_BOT_PORT (first instance; the others follow, 5201), CLUSTER_PG_PORT (5461), CLUSTER_REDIS_PORT (6411),
# CLUSTER_API_PORT (fake WeChat API, 5291), CLUSTER_INSTANCES (2). Every Bot setting can be passed through as usual
# (WeChat__AppSecret=…, Auth__SigningKey=…), or listed in CLUSTER_BOT_SETTINGS ("Name=value Name=value"), which `up`
# writes with the rest of the effective environment to $CLUSTER_DIR/bot.env, so instances restarted later get it too.
# CLUSTER_BOT<i>_SETTINGS (e.g. CLUSTER_BOT2_SETTINGS="DOTNET_GCConserveMemory=5") adds settings to instance i only
# ($CLUSTER_DIR/bot<i>.env): an A/B comparison of two instances under the same load. CLUSTER_PG_OPTIONS adds server
# options to PostgreSQL's start (e.g. "-c shared_preload_libraries=pg_stat_statements").
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CLUSTER_DIR:-/tmp/wechat-logistics-cluster}"
lb_port="${CLUSTER_PORT:-8080}"
bot_port="${CLUSTER_BOT_PORT:-5201}"
pg_port="${CLUSTER_PG_PORT:-5461}"
redis_port="${CLUSTER_REDIS_PORT:-6411}"
api_port="${CLUSTER_API_PORT:-5291}"
instances="${CLUSTER_INSTANCES:-2}"

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

apt_updated=0
ensure_package() { # ensure_package <command-or-path> <debian-package>
  if command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; then return 0; fi
  log "installing $2 (apt-get)"
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq >/dev/null && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$2" >/dev/null || die "could not install $2"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

wait_http() { # wait_http <url> [tries of 0.2 s]
  for _ in $(seq 1 "${2:-150}"); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  return 1
}

instance_port() { echo $(( bot_port + $1 - 1 )); }

start_postgres() {
  local bin; bin="$(pg_bin)"
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    mkdir -p "$dir/pg" && chmod 777 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir/pg"; fi
    as_pg "$bin/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 >/dev/null || die "initdb failed"
  fi
  as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w \
    -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c log_lock_waits=on ${CLUSTER_PG_OPTIONS:-}" start >/dev/null || die "PostgreSQL did not start; see $dir/pg.log"
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='wechat_logistics'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE wechat_logistics" || die "could not create the database"
}

stop_postgres() {
  local bin; bin="$(pg_bin)"
  [ -d "$dir/pg" ] && as_pg "$bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1
  return 0
}

start_redis() {
  # Append-only file, fsync every second: sessions and dedupe keys survive a Redis restart, as in production.
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync everysec --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" || die "redis-server did not start"
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && return 0; sleep 0.1; done
  die "redis-server did not answer; see $dir/redis.log"
}

# SHUTDOWN flushes the append-only file first, as a clean stop in production would.
stop_redis() { redis-cli -p "$redis_port" shutdown >/dev/null 2>&1; return 0; }

write_bot_env() {
  cat >"$dir/bot.env" <<EOF
ASPNETCORE_ENVIRONMENT='Production'
Database__Provider='Postgres'
ConnectionStrings__App='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=wechat_logistics;Maximum Pool Size=60'
ConnectionStrings__Redis='127.0.0.1:$redis_port,abortConnect=false,connectTimeout=5000,syncTimeout=2000,asyncTimeout=2000'
WeChat__ApiBaseUrl='http://127.0.0.1:$api_port'
WeCom__ApiBaseUrl='http://127.0.0.1:$api_port'
Logging__LogLevel__Default='Warning'
Logging__LogLevel__WechatLogistics='Information'
EOF
  # Extra Bot settings for every instance, restarted ones included: CLUSTER_BOT_SETTINGS="Sla__ScanSeconds=5 …".
  local setting i own
  for setting in ${CLUSTER_BOT_SETTINGS:-}; do
    printf "%s='%s'\n" "${setting%%=*}" "${setting#*=}" >>"$dir/bot.env"
  done
  for i in $(seq 1 "$instances"); do
    own="CLUSTER_BOT${i}_SETTINGS"
    rm -f "$dir/bot$i.env"
    for setting in ${!own:-}; do
      printf "%s='%s'\n" "${setting%%=*}" "${setting#*=}" >>"$dir/bot$i.env"
    done
  done
}

start_instance() { # start_instance <i>
  local i="$1" port; port="$(instance_port "$1")"
  (
    set -a; . "$dir/bot.env"; [ ! -f "$dir/bot$i.env" ] || . "$dir/bot$i.env"; set +a
    export Urls="http://127.0.0.1:$port" Storage__Root="$dir/data"
    cd "$dir" && exec dotnet "$root/src/Bot/bin/Release/net10.0/WechatLogistics.Bot.dll"
  ) >>"$dir/bot$i.log" 2>&1 &
  echo $! >"$dir/bot$i.pid"
  # A loaded machine (the tests run beside it) can take a while to JIT and connect; a minute is plenty.
  wait_http "http://127.0.0.1:$port/health" 300 || die "Bot instance $i did not become healthy; see $dir/bot$i.log"
  log "bot $i on http://127.0.0.1:$port (pid $(cat "$dir/bot$i.pid"))"
}

kill_instance() { # kill_instance <i> [signal]
  local pidfile="$dir/bot$1.pid"
  [ -f "$pidfile" ] || return 0
  kill "-${2:-KILL}" "$(cat "$pidfile")" 2>/dev/null
  rm -f "$pidfile"
}

write_nginx_conf() {
  local servers="" i
  for i in $(seq 1 "$instances"); do servers+="    server 127.0.0.1:$(instance_port "$i") max_fails=0;"$'\n'; done
  mkdir -p "$dir/nginx"
  cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
# A report storm holds one client and one upstream connection per student: 4096 ran out at 5 000 students.
worker_rlimit_nofile 65536;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 30000; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  # Mini-program photos: 3 x 5 MB plus the form.
  client_max_body_size 20m;
  upstream bot {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$lb_port;
    location / {
      proxy_pass http://bot;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A dead instance (connection refused) is skipped for the next one. A request the instance already received is
      # not re-sent (nginx does not retry POSTs by default): WeChat's own retry and our dedupe cover those. Servers
      # are never marked down (max_fails=0): nginx counts a slow answer as a failure too, and under a report storm
      # it took both live instances out of rotation in turn and answered 502 to everyone.
      proxy_next_upstream error;
      proxy_connect_timeout 1s;
      # WeChat waits 5 s; an answer later than that is useless to it.
      proxy_read_timeout 6s;
    }
  }
}
EOF
}

up() {
  mkdir -p "$dir/data"
  ensure_package redis-server redis-server
  ensure_package psql postgresql
  [ -n "$(pg_bin)" ] || ensure_package /usr/lib/postgresql/15/bin/initdb postgresql
  ensure_package nginx nginx
  ensure_package curl curl

  log "building (Release)"
  dotnet build "$root/src/Bot" -c Release -nologo -v q >/dev/null || die "build failed"
  dotnet build "$root/tools/Simulator" -c Release -nologo -v q >/dev/null || die "simulator build failed"

  start_postgres
  start_redis
  dotnet "$root/tools/Simulator/bin/Release/net10.0/wechat-sim.dll" serve-api --port "$api_port" >>"$dir/fake-api.log" 2>&1 &
  echo $! >"$dir/fake-api.pid"
  wait_http "http://127.0.0.1:$api_port/_sim/log" || die "the fake WeChat API did not start; see $dir/fake-api.log"
  log "fake WeChat/WeCom API on http://127.0.0.1:$api_port"

  write_bot_env
  # The first instance migrates and seeds alone; the others then start against a ready database.
  local i
  for i in $(seq 1 "$instances"); do start_instance "$i"; done

  write_nginx_conf
  nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" || die "nginx did not start; see $dir/nginx/error.log"
  wait_http "http://127.0.0.1:$lb_port/health" || die "nginx does not reach the Bot"
  echo "$instances" >"$dir/instances"
  log "up: http://127.0.0.1:$lb_port (nginx) -> $instances Bot instances; PostgreSQL :$pg_port, Redis :$redis_port"
}

down() {
  if [ -f "$dir/nginx/nginx.pid" ]; then nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s stop 2>/dev/null; fi
  local pidfile
  for pidfile in "$dir"/bot*.pid "$dir/fake-api.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
    rm -f "$pidfile"
  done
  stop_redis
  stop_postgres
  log "down"
}

status() {
  local i
  for i in $(seq 1 "$(cat "$dir/instances" 2>/dev/null || echo "$instances")"); do
    printf 'bot %s :%s %s\n' "$i" "$(instance_port "$i")" "$(curl -fs "http://127.0.0.1:$(instance_port "$i")/health" || echo down)"
  done
  printf 'nginx :%s %s\n' "$lb_port" "$(curl -fs "http://127.0.0.1:$lb_port/health" || echo down)"
}

case "${1:-}" in
  up)
    shift
    if [ "${1:-}" = "--instances" ]; then instances="$2"; fi
    up ;;
  down) down ;;
  status) status ;;
  kill) kill_instance "$2" KILL ;;
  start) start_instance "$2" ;;
  stop-redis) stop_redis ;;
  start-redis) start_redis ;;
  stop-postgres) stop_postgres ;;
  start-postgres) start_postgres ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
