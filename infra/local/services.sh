#!/usr/bin/env bash
# Installs (when missing) and starts on loopback the real servers the tests use:
#   Azurite (Azure Blob emulator, npm) and PostgreSQL 15 (Debian packages).
# Usage: infra/local/services.sh start|stop|env
# Ports are fixed so a developer can point tools at them; the state lives under $SGW_SERVICES_DIR.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
state=${SGW_SERVICES_DIR:-/tmp/sgw-services}
azurite_dir="$repo/.tools/azurite"
azurite_version=3.37.0
pg_port=${SGW_PG_PORT:-41432}
blob_port=${SGW_BLOB_PORT:-41000}
azurite_account=sgwtest

log() { printf '[services] %s\n' "$*" >&2; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

install_postgres() {
  if pg_bin >/dev/null; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then log "PostgreSQL is not installed and this is not root: skipping it"; return 1; fi
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

start_postgres() {
  install_postgres || return 0
  local bin; bin=$(pg_bin)
  mkdir -p "$state/pg"
  chmod 755 "$state"
  local run_as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$state/pg"
    run_as=(su postgres -s /bin/bash -c)
  else
    run_as=(bash -c)
  fi
  if [ ! -f "$state/pg/data/PG_VERSION" ]; then
    "${run_as[@]}" "'$bin/initdb' -D '$state/pg/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  fi
  if ! "${run_as[@]}" "'$bin/pg_ctl' -D '$state/pg/data' status >/dev/null 2>&1"; then
    "${run_as[@]}" "'$bin/pg_ctl' -D '$state/pg/data' -l '$state/pg/pg.log' -o '-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off' -w start >/dev/null"
  fi
  log "PostgreSQL on 127.0.0.1:$pg_port"
}

stop_postgres() {
  local bin; bin=$(pg_bin) || return 0
  [ -f "$state/pg/data/PG_VERSION" ] || return 0
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/bash -c "'$bin/pg_ctl' -D '$state/pg/data' -m fast stop >/dev/null 2>&1" || true
  else
    "$bin/pg_ctl" -D "$state/pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
}

start_azurite() {
  if ! command -v npm >/dev/null; then log "npm not found: skipping Azurite"; return 0; fi
  if [ ! -x "$azurite_dir/node_modules/.bin/azurite" ]; then
    log "installing Azurite $azurite_version from npm"
    npm install --no-audit --no-fund --silent --prefix "$azurite_dir" "azurite@$azurite_version" >/dev/null
  fi
  mkdir -p "$state/azurite"
  if [ -f "$state/azurite.pid" ] && kill -0 "$(cat "$state/azurite.pid")" 2>/dev/null; then return 0; fi
  # A test account with a key generated for this run: no storage key lives in the repository.
  if [ ! -f "$state/azurite.key" ]; then
    head -c 64 /dev/urandom | base64 -w 0 >"$state/azurite.key"
    chmod 600 "$state/azurite.key"
  fi
  # --skipApiVersionCheck: the current Azure SDK speaks an API version Azurite does not know yet.
  AZURITE_ACCOUNTS="$azurite_account:$(cat "$state/azurite.key")" \
  nohup "$azurite_dir/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --location "$state/azurite" --silent --skipApiVersionCheck >"$state/azurite.log" 2>&1 &
  echo $! >"$state/azurite.pid"
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$blob_port") 2>/dev/null; then log "Azurite on 127.0.0.1:$blob_port"; return 0; fi
    sleep 0.2
  done
  log "Azurite did not start; see $state/azurite.log"
}

stop_azurite() {
  # Azurite ignores SIGTERM for a long time; SIGKILL is the reliable stop.
  if [ -f "$state/azurite.pid" ]; then
    kill -9 "$(cat "$state/azurite.pid")" 2>/dev/null || true
    rm -f "$state/azurite.pid"
  fi
}

print_env() {
  if pg_bin >/dev/null && [ -f "$state/pg/data/PG_VERSION" ]; then
    echo "export SGW_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres'"
  fi
  if [ -f "$state/azurite.pid" ] && [ -f "$state/azurite.key" ]; then
    echo "export SGW_TEST_AZURITE='DefaultEndpointsProtocol=http;AccountName=$azurite_account;AccountKey=$(cat "$state/azurite.key");BlobEndpoint=http://127.0.0.1:$blob_port/$azurite_account;'"
  fi
}

case "${1:-}" in
  start) start_postgres; start_azurite ;;
  stop) stop_azurite; stop_postgres ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
