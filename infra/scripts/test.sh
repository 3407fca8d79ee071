#!/usr/bin/env bash
# npm test: everything CI checks, in the order a developer wants to hear about it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_node_modules
ensure_postgres
ensure_redis
ensure_chromium
ensure_poppler
mkdir -p var

say "1/5 Type check (tsc --noEmit)"
npx tsc --noEmit -p tsconfig.json
say "2/5 Lint (eslint, zero warnings) and format (prettier)"
npx eslint --max-warnings 0 apps libs test scripts
npm run --silent format:check >/dev/null || { npm run --silent format:check; fail "Formatting differs: run \"npm run format\" and commit."; }
# The committed OpenAPI document (docs/openapi.json) must be the code's: breaking changes are listed.
npm run --silent openapi:check || fail "docs/openapi.json differs from the code: run \"npm run openapi:update\" and commit it (see the changes above)."

say "3/5 Templates (completeness, FALC, SMS budgets)"
if [ -f libs/templates/src/cli/lint-templates.cli.ts ]; then npm run --silent lint:templates; else echo "no template linter yet"; fi
say "4/5 Entities and migrations agree"
DRIFT_DB="unisson_drift_$$"
DATABASE_URL_DRIFT="$(node -e 'const u=new URL(process.env.DATABASE_URL);u.pathname="/'"$DRIFT_DB"'";console.log(u.toString())')"
DATABASE_URL="$DATABASE_URL_DRIFT" node -r @swc-node/register scripts/db-migrate.ts >/dev/null
DATABASE_URL="$DATABASE_URL_DRIFT" node -r @swc-node/register scripts/db-schema-diff.ts --check >/dev/null
node -e '
  const { Client } = require("pg"); const u = new URL(process.env.DATABASE_URL); u.pathname = "/postgres";
  const c = new Client({ connectionString: u.toString() });
  c.connect().then(() => c.query(`DROP DATABASE IF EXISTS ${process.argv[1]}`)).then(() => c.end());
' "$DRIFT_DB"
say "5/5 Tests (unit, medium, e2e)"
status=0
# Two workers: the end-to-end fault tests mostly wait (recoveries, child processes), each on its own database and queues.
npx jest --ci --maxWorkers=2 --json --outputFile=var/jest-results.json "$@" || status=$?
node -e '
  const r = require("./var/jest-results.json");
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' || true
exit $status
