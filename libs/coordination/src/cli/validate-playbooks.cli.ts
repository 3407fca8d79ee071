/** Validates every playbook: `node -r @swc-node/register libs/coordination/src/cli/validate-playbooks.cli.ts [dir]`. */
import { DEPARTEMENTS } from '@unisson/vocabulary';
import { PLAYBOOK_DIRECTORY, PlaybookCatalog } from '../playbooks/playbook-catalog';

function main(): void {
  const directory = process.argv[2] ?? PLAYBOOK_DIRECTORY;
  const onDate = process.argv[3] ?? new Date().toISOString().slice(0, 10);
  try {
    const catalog = PlaybookCatalog.load(directory);
    for (const territory of DEPARTEMENTS) {
      const playbook = catalog.forTerritory(territory, onDate);
      process.stderr.write(
        `ok ${territory} ${playbook.name} v${playbook.version} : ${playbook.purposes.length} objets, ` +
          `${playbook.legalDelays.length} délais légaux, fuseau ${playbook.timeZone}\n`,
      );
    }
    process.stdout.write(`${JSON.stringify({ valid: DEPARTEMENTS.length, ownPlaybooks: catalog.localTerritories() })}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

main();
