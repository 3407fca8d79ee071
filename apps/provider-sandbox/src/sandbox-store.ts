import type { SandboxCall, SandboxMessage } from './domain/twilio-resources';

export interface CapturedEmail {
  id: number;
  receivedAt: Date;
  envelope: { mailFrom: string | null; rcptTo: string[] };
  from: string | null;
  to: string[];
  subject: string | null;
  text: string | null;
  html: string | null;
  messageId: string | null;
  headers: Record<string, string>;
}

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

  nextEmailId(): number {
    this.emailSeq += 1;
    return this.emailSeq;
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
