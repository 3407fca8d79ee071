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
pids=()
follower=""
stop_all() { say "Stopping…"; kill "${pids[@]}" $follower 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop_all EXIT INT TERM

say "Starting the provider sandbox, the worker and the API (logs in var/log/)…"
$RUN apps/provider-sandbox/src/main.ts >var/log/sandbox.log 2>&1 & pids+=($!)
# A larger young generation for the worker: less of its time in GC (docs/decisions/0032).
node --max-semi-space-size=32 -r @swc-node/register apps/worker/src/main.ts >var/log/worker.log 2>&1 & pids+=($!)
$RUN apps/api/src/main.ts >var/log/api.log 2>&1 & pids+=($!)

API="${PUBLIC_BASE_URL:-http://127.0.0.1:${API_PORT:-3000}}"
for i in $(seq 1 60); do
  if curl -fsS "$API/health/ready" >/dev/null 2>&1; then break; fi
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "A process stopped while starting: see var/log/*.log"; done
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
wait -n "${pids[@]}" || true
fail "A process stopped: see var/log/*.log"
