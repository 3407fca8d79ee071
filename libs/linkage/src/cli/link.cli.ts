/**
 * npm run link -- --in records.csv --out clusters.csv [--link-probability 0.99] [--review-probability 0.5] [--model-out model.json]
 * Reads partner records (columns of data/linkage/*\/records.csv), writes record_id,household_id.
 */
import { writeFileSync } from 'fs';
import { DEFAULT_THRESHOLDS, HouseholdMatcher } from '../domain/household-matcher';
import { normaliseRecord, NormalisedRecord } from '../domain/record';
import { csvField, forEachRecordOfFile } from './csv';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function progress(message: string): void {
  process.stderr.write(`[link] ${message}\n`);
}

export async function runLinkCli(): Promise<void> {
  const input = argument('in');
  const output = argument('out');
  if (!input || !output) {
    process.stderr.write('Usage : npm run link -- --in records.csv --out clusters.csv\n');
    process.exit(2);
  }
  const thresholds = {
    ...DEFAULT_THRESHOLDS,
    linkProbability: Number(argument('link-probability') ?? process.env.LINKAGE_LINK_THRESHOLD ?? DEFAULT_THRESHOLDS.linkProbability),
    reviewProbability: Number(
      argument('review-probability') ?? process.env.LINKAGE_REVIEW_THRESHOLD ?? DEFAULT_THRESHOLDS.reviewProbability,
    ),
  };
  const started = Date.now();
  const records: NormalisedRecord[] = [];
  try {
    // Normalised as they are read: the raw rows are never all in memory at once.
    await forEachRecordOfFile(input, (r) => {
      records.push(normaliseRecord(r));
      if (records.length % 200_000 === 0) progress(`${records.length} records read`);
    });
  } catch (error) {
    process.stderr.write(
      `Impossible de lire ${input} : ${(error as Error).message}\nVérifiez le chemin et le format CSV (en-tête record_id,...).\n`,
    );
    process.exit(1);
  }
  progress(`${records.length} records read`);
  records.sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
  const run = new HouseholdMatcher(thresholds).linkNormalised(records, [], undefined, false);
  const modelOut = argument('model-out');
  if (modelOut) {
    // The estimated model, e.g. the cold-start model shipped in libs/linkage/models/.
    writeFileSync(modelOut, `${JSON.stringify({ estimatedOn: input, records: records.length, model: run.model }, null, 1)}\n`);
    progress(`model written to ${modelOut}`);
  }
  progress(`${run.candidatePairs} candidate pairs, ${run.linkCount} links, ${run.reviewCount} pairs for human review`);
  const lines = ['record_id,household_id', ...run.assignments.map((a) => `${csvField(a.recordId)},${csvField(`h-${a.householdKey}`)}`)];
  writeFileSync(output, `${lines.join('\n')}\n`);
  progress(
    `${new Set(run.assignments.map((a) => a.householdKey)).size} households written to ${output} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) void runLinkCli();
