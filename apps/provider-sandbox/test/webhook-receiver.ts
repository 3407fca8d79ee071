import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
}

/** A tiny HTTP server standing for Unisson's webhook endpoints in tests. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server: Server | null = null;
  baseUrl = '';

  constructor(
    private readonly answer: (hook: ReceivedWebhook) => { status: number; body?: string } = () => ({
      status: 204,
    }),
  ) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const hook: ReceivedWebhook = {
          path: request.url ?? '',
          headers: request.headers,
          params: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        };
        this.received.push(hook);
        const { status, body } = this.answer(hook);
        response.writeHead(status, body ? { 'content-type': 'text/xml' } : {});
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  for(sid: string): ReceivedWebhook[] {
    return this.received.filter((h) => h.params.MessageSid === sid || h.params.CallSid === sid);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Polls until `probe` returns a value (not undefined / false), or fails with `what` after `withinMs`. */
export async function eventually<T>(what: string, probe: () => T | undefined | false, withinMs = 5_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
