import { simpleParser } from 'mailparser';
import type { SandboxCall, SandboxMessage } from './domain/twilio-resources';

export interface CapturedEmail {
  id: number;
  receivedAt: Date;
  envelope: { mailFrom: string | null; rcptTo: string[] };
  from: string | null;
  to: string[];
  subject: string | null;
  messageId: string | null;
  headers: Record<string, string>;
  /** the message as received (dot-unstuffed); its parts are decoded on demand (`emailBodies`) */
  raw: Buffer;
}

export interface EmailBodies {
  text: string | null;
  html: string | null;
}

/** A captured e-mail as the JSON views show it: its decoded parts, not its raw bytes. */
export type ShownEmail = Omit<CapturedEmail, 'raw'> & EmailBodies;

export interface WebhookDelivery {
  at: Date;
  kind: 'message-status' | 'call-status' | 'call-twiml' | 'call-gather' | 'call-dial' | 'inbound-sms' | 'email-bounce';
  sid: string;
  url: string;
  /** the form parameters posted, exactly as signed */
  params: Record<string, string>;
  signature: string;
  httpStatus: number | null;
  error: string | null;
}

/** Everything the sandbox captured, in arrival order (the HTTP views sort newest first). */
export class SandboxStore {
  readonly messages: SandboxMessage[] = [];
  readonly calls: SandboxCall[] = [];
  readonly emails: CapturedEmail[] = [];
  readonly webhooks: WebhookDelivery[] = [];
  /** recipients who answered STOP: sending to them fails with 21610, like Twilio */
  readonly optedOut = new Set<string>();
  /** keys the next person answering at a number presses at a <Gather> (POST /sandbox/keypresses) */
  readonly keypresses = new Map<string, string[]>();
  private emailSeq = 0;
  private readonly bodies = new WeakMap<CapturedEmail, Promise<EmailBodies>>();

  nextEmailId(): number {
    this.emailSeq += 1;
    return this.emailSeq;
  }

  /** The text and HTML parts of a captured e-mail, decoded once, the first time they are asked for. */
  emailBodies(email: CapturedEmail): Promise<EmailBodies> {
    let bodies = this.bodies.get(email);
    if (!bodies) {
      bodies = simpleParser(email.raw, { skipTextToHtml: true, skipImageLinks: true }).then((parsed) => ({
        text: parsed.text ?? null,
        html: typeof parsed.html === 'string' ? parsed.html : null,
      }));
      this.bodies.set(email, bodies);
    }
    return bodies;
  }

  async showEmail(email: CapturedEmail): Promise<ShownEmail> {
    const { raw: _raw, ...shown } = email;
    return { ...shown, ...(await this.emailBodies(email)) };
  }

  findMessage(sid: string): SandboxMessage | undefined {
    return this.messages.find((m) => m.sid === sid);
  }

  findCall(sid: string): SandboxCall | undefined {
    return this.calls.find((c) => c.sid === sid);
  }

  /** The digits scripted for the next <Gather> heard at this number, consumed once. */
  takeKeypress(to: string): string | null {
    const queue = this.keypresses.get(to);
    const digits = queue?.shift() ?? null;
    if (queue && queue.length === 0) this.keypresses.delete(to);
    return digits;
  }

  reset(): void {
    this.messages.length = 0;
    this.calls.length = 0;
    this.emails.length = 0;
    this.webhooks.length = 0;
    this.optedOut.clear();
    this.keypresses.clear();
  }
}

export function newestFirst<T extends { dateCreated?: Date; receivedAt?: Date }>(items: readonly T[]): T[] {
  const time = (item: T) => (item.dateCreated ?? item.receivedAt ?? new Date(0)).getTime();
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => time(b.item) - time(a.item) || b.index - a.index)
    .map(({ item }) => item);
}
