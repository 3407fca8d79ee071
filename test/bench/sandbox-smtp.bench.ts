/**
 * npm run bench:sandbox-smtp [-- --count 5000 --sessions 5 --warmup 500]
 * CPU the provider sandbox's SMTP catcher spends per received e-mail. The sandbox runs in this
 * process; a child process sends realistic e-mails (a rendered template, ~18 KB of MIME, HTML
 * and text) through the worker's own SMTP sender (pooled sessions) and this process's CPU time
 * is read around the measured part, after a warm-up. Progress on stderr, JSON last.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { startProviderSandbox } from '../../apps/provider-sandbox/src';
import { SmtpEmailSender } from '@unisson/channels';
import { DEFAULT_VARIANT, TEMPLATE_KEYS, TemplateLibrary } from '@unisson/templates';
import { machineContext } from './machine-context';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

type ChildMessage = { kind: 'ready'; bytes: number } | { kind: 'warm' } | { kind: 'done'; ms: number };

/** The child: renders one e-mail, then sends `count` copies of it (a new Message-ID each). */
async function sendFromChild(port: number, warmup: number, count: number, sessions: number): Promise<void> {
  const send = (m: ChildMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
  const library = TemplateLibrary.load();
  await library.prepareAllEmails();
  const key = TEMPLATE_KEYS.find((k) => library.definition(k).channels.includes('email'))!;
  const rendered = await library.render({
    templateKey: key,
    channel: 'email',
    locale: 'fr',
    variant: DEFAULT_VARIANT,
    variables: library.definition(key).sample,
  });
  const sender = new SmtpEmailSender(
    { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Unisson <noreply@unisson.local>', returnPath: 'bounces@unisson.local' },
    { maxConnections: sessions },
  );
  const request = (i: number) => ({
    to: `destinataire-${i}@example.org`,
    from: { name: "Département de l'Essonne", address: 'noreply@unisson.local' },
    envelopeFrom: `bounces+${i}@unisson.local`,
    subject: rendered.subject ?? 'Objet',
    html: rendered.html ?? rendered.text,
    text: rendered.text,
    messageId: `<${randomUUID()}@unisson.local>`,
    headers: { 'X-Unisson-Message': randomUUID() },
  });
  // Two in flight per session, as the worker does (EmailChannelSender.maxInFlight).
  const run = async (n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 2 * sessions }, async () => {
        while (next < n) {
          next++;
          await sender.send(request(next));
        }
      }),
    );
  };
  await send({ kind: 'ready', bytes: Buffer.byteLength(request(0).html) + Buffer.byteLength(request(0).text) });
  await run(warmup);
  await send({ kind: 'warm' });
  const started = performance.now();
  await run(count);
  await send({ kind: 'done', ms: performance.now() - started });
  sender.close();
}

async function main(): Promise<void> {
  const count = arg('count', 5_000);
  const warmup = arg('warmup', 500);
  const sessions = arg('sessions', 5);
  const sandbox = await startProviderSandbox({
    twilioPort: 0,
    smtpPort: 0,
    accountSid: 'ACbench',
    authToken: 'bench',
    lifecycleDelayMs: 3_600_000,
  });
  process.stderr.write(`▶ sending ${warmup} + ${count} e-mails over ${sessions} sessions to the catcher on port ${sandbox.smtpPort}…\n`);
  const child = fork(__filename, ['--child', String(sandbox.smtpPort), String(warmup), String(count), String(sessions)], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let bodyBytes = 0;
  let cpuAtStart: NodeJS.CpuUsage | null = null;
  let memoryAtStart: NodeJS.MemoryUsage | null = null;
  let receivedAtStart = 0;
  const result = await new Promise<{ cpu: NodeJS.CpuUsage; ms: number }>((resolve, reject) => {
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'ready') bodyBytes = m.bytes;
      if (m.kind === 'warm') {
        receivedAtStart = sandbox.store.emails.length;
        memoryAtStart = process.memoryUsage();
        cpuAtStart = process.cpuUsage();
      }
      if (m.kind === 'done') resolve({ cpu: process.cpuUsage(cpuAtStart!), ms: m.ms });
    });
    child.once('exit', (code) => (code ? reject(new Error(`sender exited with ${code}`)) : undefined));
  });
  const received = sandbox.store.emails.length - receivedAtStart;
  const memory = process.memoryUsage();
  const kibPerEmail = (field: 'heapUsed' | 'arrayBuffers') => Math.round((memory[field] - memoryAtStart![field]) / 1024 / received);
  const rawBytes = sandbox.store.emails.at(-1)?.raw.length ?? 0;
  await new Promise((resolve) => child.once('exit', resolve));
  await sandbox.stop();
  const cpuMs = (result.cpu.user + result.cpu.system) / 1000;
  const summary = {
    bench: 'sandbox-smtp',
    emails: received,
    sessions,
    messageBytes: rawBytes,
    bodyBytes,
    emailsPerSecond: Math.round(received / (result.ms / 1000)),
    sandboxCpuMsPerEmail: Number((cpuMs / received).toFixed(4)),
    sandboxUserMsPerEmail: Number((result.cpu.user / 1000 / received).toFixed(4)),
    sandboxSystemMsPerEmail: Number((result.cpu.system / 1000 / received).toFixed(4)),
    // what the store keeps (and the garbage not collected yet), per e-mail
    heapKiBPerEmail: kibPerEmail('heapUsed'),
    arrayBuffersKiBPerEmail: kibPerEmail('arrayBuffers'),
    machine: machineContext(),
  };
  process.stderr.write(
    `  ${received} e-mails of ${rawBytes} bytes: ${summary.emailsPerSecond}/s, sandbox CPU ${summary.sandboxCpuMsPerEmail} ms per e-mail\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const [port, warmup, count, sessions] = process.argv.slice(childAt + 1, childAt + 5).map(Number);
  sendFromChild(port!, warmup!, count!, sessions!).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
