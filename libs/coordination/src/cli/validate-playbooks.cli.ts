/** Validates every playbook: `node -r @swc-node/register libs/coordination/src/cli/validate-playbooks.cli.ts [dir]`. */
import { PLAYBOOK_DIRECTORY, PlaybookCatalog } from '../playbooks/playbook-catalog';

function main(): void {
  const directory = process.argv[2] ?? PLAYBOOK_DIRECTORY;
  try {
    const catalog = PlaybookCatalog.load(directory);
    for (const playbook of catalog.all()) {
      process.stderr.write(
        `ok ${playbook.territory} ${playbook.name} v${playbook.version} : ${playbook.purposes.length} objets, ` +
          `${playbook.legalDelays.length} délais légaux\n`,
      );
    }
    process.stdout.write(`${JSON.stringify({ valid: catalog.all().length, territories: catalog.all().map((p) => p.territory) })}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

main();
