/**
 * npm run bench:linkage [-- --data ../shared/data/linkage] [--scale 1000000] [--incremental 1000000] [--db 1000000]
 * Accuracy on the labelled sets (pairwise precision / recall / F1, with the exact-key baseline),
 * throughput of the batch linker, and p95 of real-time linking of one record (in memory).
 * Progress on stderr; the last stdout line is one JSON object.
 */
import { existsSync, readFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { parseAssignmentsCsv, parseRecordsCsv } from '../../libs/linkage/src/cli/csv';
import { generateRecords } from '../../libs/linkage/src/cli/record-generator';
import { pairwiseScores } from '../../libs/linkage/src/domain/evaluation';
import { HouseholdMatcher } from '../../libs/linkage/src/domain/household-matcher';
import { IncrementalIndex } from '../../libs/linkage/src/domain/incremental-index';
import { normaliseRecord, PartnerRecordInput } from '../../libs/linkage/src/domain/record';
import { exactKeyBaseline } from './linkage-baseline';
import { incrementalDbRun } from './linkage-incremental-db';

const repoRoot = path.resolve(__dirname, '..', '..');
function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const log = (m: string) => process.stderr.write(`[bench:linkage] ${m}\n`);
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
sampler.unref();

function accuracy(dir: string) {
  const records = parseRecordsCsv(readFileSync(path.join(dir, 'records.csv'), 'utf8'));
  const truth = parseAssignmentsCsv(readFileSync(path.join(dir, 'truth.csv'), 'utf8'));
  const started = process.hrtime.bigint();
  const run = new HouseholdMatcher().link(records);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const scores = pairwiseScores(new Map(run.assignments.map((a) => [a.recordId, a.householdKey])), truth);
  const baseline = pairwiseScores(exactKeyBaseline(records), truth);
  return {
    records: records.length,
    precision: round(scores.precision),
    recall: round(scores.recall),
    f1: round(scores.f1),
    recordsPerSecond: Math.round(records.length / seconds),
    seconds: round(seconds, 2),
    candidatePairs: run.candidatePairs,
    reviewPairs: run.reviewCount,
    linkProbabilities: run.linkProbabilities.map((p) => round(p, 3)),
    baselineExactKeys: { precision: round(baseline.precision), recall: round(baseline.recall) },
  };
}

function generated(count: number): { records: PartnerRecordInput[]; truth: Map<string, string> } {
  const records: PartnerRecordInput[] = [];
  const truth = new Map<string, string>();
  for (const { record, householdId } of generateRecords(count, 7)) {
    records.push(record);
    truth.set(record.recordId, householdId);
    if (records.length % 200_000 === 0) log(`generated ${records.length}/${count}`);
  }
  return { records, truth };
}

function scaleRun(count: number) {
  const { records, truth } = generated(count);
  log(`linking ${count} generated records`);
  const started = process.hrtime.bigint();
  const run = new HouseholdMatcher().link(records, [], undefined, false);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const scores = pairwiseScores(new Map(run.assignments.map((a) => [a.recordId, a.householdKey])), truth);
  return {
    records: count,
    seconds: round(seconds, 1),
    recordsPerSecond: Math.round(count / seconds),
    precision: round(scores.precision),
    recall: round(scores.recall),
    candidatePairs: run.candidatePairs,
  };
}

function incrementalRun(count: number, probes = 2000) {
  const { records } = generated(count + probes);
  const sample = records.slice(0, Math.min(records.length, 50_000));
  log(`estimating the model on ${sample.length} records`);
  const matcher = new HouseholdMatcher();
  const fitted = matcher.link(sample);
  const index = new IncrementalIndex(fitted.model, matcher.thresholds.linkProbability, matcher.thresholds.reviewProbability);
  log(`indexing ${count} records`);
  for (let i = 0; i < count; i++) index.add({ record: normaliseRecord(records[i]), householdKey: records[i].recordId });
  const timings: number[] = [];
  for (let i = count; i < count + probes; i++) {
    const started = process.hrtime.bigint();
    index.link(normaliseRecord(records[i]));
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  timings.sort((a, b) => a - b);
  return {
    indexed: count,
    probes,
    p50Ms: round(timings[Math.floor(probes * 0.5)], 3),
    p95Ms: round(timings[Math.floor(probes * 0.95)], 3),
    store: 'in-memory index',
  };
}

async function main(): Promise<void> {
  const data = path.resolve(repoRoot, argument('data') ?? '../shared/data/linkage');
  const result: Record<string, unknown> = {};
  for (const set of ['fr-dev', 'febrl2', 'febrl3']) {
    const dir = path.join(data, set);
    if (!existsSync(path.join(dir, 'records.csv'))) {
      log(`${dir} not found: skipped (use --data <folder with fr-dev, febrl2, febrl3>)`);
      continue;
    }
    log(`accuracy on ${set}`);
    result[set] = accuracy(dir);
    log(JSON.stringify(result[set]));
  }
  const scale = argument('scale');
  if (scale) result.scale = scaleRun(Number(scale));
  result.incremental = incrementalRun(Number(argument('incremental') ?? 100_000));
  const db = argument('db');
  if (db) result.incrementalPostgres = await incrementalDbRun(Number(db));
  const cpus = os.cpus();
  result.peakMemoryMb = Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1048576);
  result.machine = { cpu: cpus[0]?.model, cpus: cpus.length, node: process.version, totalMemoryMb: Math.round(os.totalmem() / 1048576) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
