#!/usr/bin/env bash
# npm start: the whole of Unisson on this machine with a working demo.
# API + worker + provider sandbox (Twilio-compatible REST server and SMTP catcher), local
# PostgreSQL and Redis (reused when they answer), migrations, demo partners and alerts.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_node_modules
ensure_postgres
ensure_redis
say "Migrating the database…"
node -r @swc-node/register scripts/db-migrate.ts

# The demo's coordination calendar starts on a weekday morning, so planned SMS and e-mails go out
# while you watch; COORDINATION_CLOCK_START= (empty) follows real time and its quiet hours.
export COORDINATION_CLOCK_START="${COORDINATION_CLOCK_START-2026-12-01T10:30:00+01:00}"

mkdir -p var/log
RUN="node -r @swc-node/register"
follower=""
stopping=""
pid_sandbox="" pid_worker="" pid_api=""
stop_all() {
  [ -n "$stopping" ] && return
  stopping=1
  say "Stopping…"
  kill $pid_sandbox $pid_worker $pid_api $follower 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

start_sandbox() { $RUN apps/provider-sandbox/src/main.ts >>var/log/sandbox.log 2>&1 & pid_sandbox=$!; }
# A larger young generation for the worker: less of its time in GC (docs/decisions/0032).
start_worker() { node --max-semi-space-size=32 -r @swc-node/register apps/worker/src/main.ts >>var/log/worker.log 2>&1 & pid_worker=$!; }
start_api() { $RUN apps/api/src/main.ts >>var/log/api.log 2>&1 & pid_api=$!; }

say "Starting the provider sandbox, the worker and the API (logs in var/log/)…"
: >var/log/sandbox.log
: >var/log/worker.log
: >var/log/api.log
start_sandbox
start_worker
start_api

API="${PUBLIC_BASE_URL:-http://127.0.0.1:${API_PORT:-3000}}"
for i in $(seq 1 60); do
  if curl -fsS "$API/health/ready" >/dev/null 2>&1; then break; fi
  for pid in $pid_sandbox $pid_worker $pid_api; do kill -0 "$pid" 2>/dev/null || fail "A process stopped while starting: see var/log/*.log"; done
  printf '\r  waiting for the API… %ss' "$i" >&2; sleep 1
done
printf '\n' >&2
curl -fsS "$API/health/ready" >/dev/null || fail "The API did not become ready in 60 s: see var/log/api.log"

say "Loading the demo (partners, API keys, alerts)…"
rm -f var/demo-upload.json
$RUN scripts/demo-seed.ts

SANDBOX="http://${SANDBOX_HOST:-127.0.0.1}:${SANDBOX_TWILIO_PORT:-4010}"
cat <<TXT

  Unisson tourne. Ouvrez :
    Accueil                    $API/
    API (OpenAPI)              $API/docs
    Files de travail           $API/queues   (identifiant : ${DASHBOARD_USER:-operateur} / ${DASHBOARD_PASSWORD:-unisson-demo}, ou une session opérateur)
    Connexion (personnes)      $API/connexion   admin@unisson.local / unisson-demo-2026
    Administration             $API/admin    partenaires, clés, comptes, accords de partage, journal d'audit
    Campagnes (quatre yeux)    $API/campagnes   redaction@caf93.demo prépare, validation@caf93.demo approuve
    Analyse (analystes)        $API/analyse     analyse@caf93.demo : expérience du SMS du premier impayé, entonnoir, charte
    Dépôt d'alertes (CSV)      $API/imports     (gestion@habitat93.demo) ${DEMO_BULK_ROWS:-50000} lignes, avancement ci-dessous — plus petit : DEMO_BULK_ROWS=2000 npm start
    Modèles de messages        $API/templates/preview
    Messages capturés          $SANDBOX/
  Clés API de démo : var/demo-keys.json        Ctrl-C pour arrêter.

TXT
# The demo's bulk upload, followed on one updating line (it stops by itself when intake is done).
$RUN scripts/demo-upload-progress.ts & follower=$!
# Like a supervisor (compose: restart unless-stopped): a process that stops is started again, so
# that killing the worker while it sends shows what happens then (PostgreSQL is the truth: every
# planned contact still goes out, once). One that stops five times in a minute ends the demo.
restarts=()
while true; do
  exited=""
  code=0
  wait -n -p exited $pid_sandbox $pid_worker $pid_api || code=$?
  [ -z "$exited" ] && continue
  now=$(date +%s)
  recent=()
  for t in "${restarts[@]}"; do [ $((now - t)) -lt 60 ] && recent+=("$t"); done
  restarts=("${recent[@]}" "$now")
  [ "${#restarts[@]}" -gt 5 ] && fail "A process keeps stopping (5 times in a minute): see var/log/*.log"
  case "$exited" in
    "$pid_worker")
      say "The worker stopped (exit $code): starting it again. Nothing is lost: it resumes from PostgreSQL (var/log/worker.log)."
      start_worker
      ;;
    "$pid_api")
      say "The API stopped (exit $code): starting it again (var/log/api.log)."
      start_api
      ;;
    "$pid_sandbox")
      say "The provider sandbox stopped (exit $code): starting it again; the messages it had captured are gone (var/log/sandbox.log)."
      start_sandbox
      ;;
  esac
done
