#!/usr/bin/env bash
# CI: the production recipe of deploy/ run on this machine — nginx, two gunicorn app servers,
# PostgreSQL, Redis — under load with one app server killed halfway (bench/two_servers.py --check).
# Installs what is missing (Debian nginx and redis-server; gunicorn and redis come with the
# package), needs PostgreSQL running (.ci/run starts it). Exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  local SUDO
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get install -y -q "$@" || { $SUDO apt-get update -q && $SUDO apt-get install -y -q "$@"; }
}
missing=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx-light)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
make -s install >/dev/null 2>&1 || make install

# The PostgreSQL server of the tests; the run's own database is created and dropped by the script.
base="${CI_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/muniplan}"
export TWO_SERVERS_PG_URL="${TWO_SERVERS_PG_URL:-${base%/*}/muniplan_two_servers}"
timeout 300 .venv/bin/python bench/two_servers.py --check --seconds "${TWO_SERVERS_SECONDS:-30}" \
  --organizations "${TWO_SERVERS_ORGANIZATIONS:-4}"
