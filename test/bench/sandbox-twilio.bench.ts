/**
 * npm run bench:sandbox [-- --messages 20000 --concurrency 64 --warmup 2000 --lifecycle-ms 3600000]
 * The provider sandbox's CPU per `POST /2010-04-01/Accounts/{sid}/Messages.json`, as the dispatch
 * bench drives it: the sandbox runs in this process, the official Twilio SDK (with the repo's
 * BaseUrlRequestClient) in a child process, so this process's CPU is the sandbox's alone.
 * With the default lifecycle delay (an hour, as in bench:dispatch) no status change happens during
 * the run; a short `--lifecycle-ms` adds the sent/delivered steps and their signed status
 * callbacks, posted to a receiver in the child (answering 204, as the API does). Progress on
 * stderr, JSON last.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { SandboxStore, startProviderSandbox } from '../../apps/provider-sandbox/src';
import { BaseUrlRequestClient } from '@unisson/channels';
import { machineContext } from './machine-context';

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const authToken = 'bench-sandbox-auth-token';
const fromNumber = '+33700000001';
// A French SMS as the worker sends them: GSM-7 (é and à are in its alphabet), two parts.
const body =
  'Bonjour Awa Diallo, votre audience au tribunal judiciaire est fixée au 12 mars à 9 h. ' +
  'Une aide gratuite existe : appelez le 01 23 45 67 89 (lun-ven, 9 h-18 h). Répondez STOP pour ne plus recevoir ces SMS.';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

type FromChild = { ready: true } | { done: true; seconds: number; failures: number };
type ToChild = { run: number; warmup: boolean };

/** The child: the SDK, sending `count` messages at `concurrency`, as the worker's send job does. */
async function client(twilioUrl: string, concurrency: number): Promise<void> {
  const receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const callbackBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const sdk = twilio(accountSid, authToken, { httpClient: new BaseUrlRequestClient(twilioUrl, { maxSockets: concurrency }) });
  // Ending in 7: no magic number (…0001 to …0004, …0429, …0500) among them.
  const send = (i: number) =>
    sdk.messages.create({
      to: `+336${String(i % 10_000_000).padStart(7, '0')}7`,
      from: fromNumber,
      body,
      statusCallback: `${callbackBase}/v1/webhooks/twilio/message-status?messageId=${i}`,
    });
  process.on('message', (command: ToChild) => {
    const started = process.hrtime.bigint();
    let next = 0;
    let failures = 0;
    const lane = async () => {
      while (next < command.run) {
        const i = next++;
        await send(i).catch(() => (failures += 1));
      }
    };
    void Promise.all(Array.from({ length: concurrency }, lane)).then(() => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.send?.({ done: true, seconds, failures } satisfies FromChild);
    });
  });
  process.send?.({ ready: true } satisfies FromChild);
}

/** Waits until `count` status callbacks (sent, delivered) have had their answer. */
async function callbacksAnswered(store: SandboxStore, count: number): Promise<void> {
  const answered = () => store.webhooks.filter((w) => w.httpStatus !== null || w.error !== null).length;
  while (answered() < count) await new Promise((resolve) => setTimeout(resolve, 100));
}

function nextMessage(child: ReturnType<typeof fork>): Promise<FromChild> {
  return new Promise((resolve) => child.once('message', (m) => resolve(m as FromChild)));
}

async function main(): Promise<void> {
  const messages = arg('messages', 20_000);
  const concurrency = arg('concurrency', 64);
  const warmup = arg('warmup', 2_000);
  const lifecycleDelayMs = arg('lifecycle-ms', 3_600_000);
  const sandbox = await startProviderSandbox({ twilioPort: 0, smtpPort: 0, accountSid, authToken, lifecycleDelayMs });
  const child = fork(__filename, ['--child', sandbox.twilioUrl, String(concurrency)], {
    execArgv: ['-r', '@swc-node/register'],
  });
  await nextMessage(child);
  child.send({ run: warmup, warmup: true } satisfies ToChild);
  await nextMessage(child);
  process.stderr.write(`warmed up with ${warmup} messages; sending ${messages} at concurrency ${concurrency}\n`);
  const stored = sandbox.store.messages.length;
  const cpuBefore = process.cpuUsage();
  child.send({ run: messages, warmup: false } satisfies ToChild);
  const done = (await nextMessage(child)) as Extract<FromChild, { done: true }>;
  // With a short lifecycle, the last status changes come after the last answer: they are counted.
  if (lifecycleDelayMs < 10_000) await callbacksAnswered(sandbox.store, 2 * (warmup + messages));
  const cpu = process.cpuUsage(cpuBefore);
  child.kill();
  const created = sandbox.store.messages.length - stored;
  await sandbox.stop();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const result = {
    bench: 'sandbox-twilio',
    messages,
    created,
    failures: done.failures,
    concurrency,
    lifecycleDelayMs,
    sandboxCpuMsPerRequest: Number((cpuMs / messages).toFixed(4)),
    sandboxUserMsPerRequest: Number((cpu.user / 1000 / messages).toFixed(4)),
    sandboxSystemMsPerRequest: Number((cpu.system / 1000 / messages).toFixed(4)),
    requestsPerSecond: Math.round(messages / done.seconds),
    machine: machineContext(),
  };
  process.stderr.write(`${result.sandboxCpuMsPerRequest} ms of sandbox CPU per request, ${result.requestsPerSecond} requests/s\n`);
  console.log(JSON.stringify(result));
}

const childAt = process.argv.indexOf('--child');
const run = childAt >= 0 ? client(process.argv[childAt + 1] ?? '', Number(process.argv[childAt + 2])) : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
