#!/usr/bin/env bash
# Shared helpers of the start and test scripts: install dependencies, make sure PostgreSQL and
# Redis answer at the configured URLs (reusing running ones, else starting Debian's), nothing else.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/unisson}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

say() { printf '\033[1m▶ %s\033[0m\n' "$*" >&2; }
fail() { printf '\033[31m✗ %s\033[0m\n' "$*" >&2; exit 1; }

url_host() { node -e 'const u=new URL(process.argv[1]);console.log(u.hostname||"127.0.0.1")' "$1"; }
url_port() { node -e 'const u=new URL(process.argv[1]);console.log(u.port||process.argv[2])' "$1" "$2"; }

ensure_node_modules() {
  cd "$ROOT"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing dependencies (npm ci)…"
    # Some registry mirrors hold only this platform's optional binaries (@swc/core-*, msgpackr-*),
    # which makes `npm ci` refuse the lock file: fall back to `npm install` pinned by that lock.
    if ! npm ci --no-audit --no-fund --loglevel=error >&2 2>/tmp/unisson-npm-ci.log; then
      say "npm ci refused the lock file (see /tmp/unisson-npm-ci.log); installing from it with npm install…"
      npm install --no-save --no-audit --no-fund --loglevel=error >&2
    fi
  fi
}

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  can_install || fail "$1 is missing. Install it (Debian: sudo apt-get install $1) or set the URL of a running one."
  say "Installing $1 with apt-get…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >&2
}

postgres_ready() {
  node -e '
    const { Client } = require("pg");
    const u = new URL(process.argv[1]); u.pathname = "/postgres";
    const c = new Client({ connectionString: u.toString(), connectionTimeoutMillis: 2000 });
    c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
  ' "$DATABASE_URL" 2>/dev/null
}

ensure_postgres() {
  if postgres_ready; then return; fi
  local host; host="$(url_host "$DATABASE_URL")"
  case "$host" in 127.0.0.1|localhost|::1) ;; *) fail "PostgreSQL does not answer at $host. Check DATABASE_URL.";; esac
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then apt_install postgresql; fi
  say "Starting the local PostgreSQL…"
  local version; version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
  [ -n "$version" ] || fail "No PostgreSQL cluster found in /etc/postgresql. Create one: pg_createcluster 15 main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do postgres_ready && break; sleep 1; done
  if ! postgres_ready; then
    # A fresh Debian cluster asks for a password over TCP: allow local trust for the demo user.
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    if [ -w "$hba" ] && ! grep -q "unisson-local-trust" "$hba"; then
      sed -i '1i host all all 127.0.0.1/32 trust # unisson-local-trust\nhost all all ::1/128 trust # unisson-local-trust' "$hba"
      pg_ctlcluster --skip-systemctl-redirect "$version" main reload >&2 || true
      sleep 1
    fi
  fi
  postgres_ready || fail "PostgreSQL did not start. See /var/log/postgresql/, or set DATABASE_URL to a running server."
}

redis_ready() {
  node -e '
    const Redis = require("ioredis");
    const r = new Redis(process.argv[1], { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
    r.connect().then(() => r.ping()).then(() => { r.disconnect(); process.exit(0); }, () => process.exit(1));
  ' "$REDIS_URL" 2>/dev/null
}

ensure_redis() {
  if redis_ready; then return; fi
  local host port; host="$(url_host "$REDIS_URL")"; port="$(url_port "$REDIS_URL" 6379)"
  case "$host" in 127.0.0.1|localhost|::1) ;; *) fail "Redis does not answer at $host. Check REDIS_URL.";; esac
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  say "Starting a local Redis on port $port…"
  mkdir -p "$ROOT/var/redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$ROOT/var/redis" --logfile "$ROOT/var/redis/redis.log" >&2
  for _ in $(seq 1 20); do redis_ready && break; sleep 0.5; done
  redis_ready || fail "Redis did not start. See var/redis/redis.log, or set REDIS_URL to a running server."
}

# Browser tests (Playwright) drive Debian's Chromium: install it when missing and we can.
# The letter tests read the PDFs back (pdftotext) and look at their pages (pdftoppm): Debian's poppler-utils.
ensure_poppler() {
  if ! command -v pdftotext >/dev/null 2>&1; then
    if can_install; then apt_install poppler-utils; else
      say "pdftotext not found: the letter PDF tests will fail (Debian: sudo apt-get install poppler-utils)."
    fi
  fi
}

ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
  if [ -z "$CHROMIUM_PATH" ]; then
    if can_install; then apt_install chromium; export CHROMIUM_PATH="$(command -v chromium)"; else
      say "Chromium not found: the browser tests will be skipped with a message (Debian: sudo apt-get install chromium)."
    fi
  fi
}
