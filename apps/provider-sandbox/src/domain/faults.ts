/**
 * Faults the sandbox can inject, so crash and outage tests meet what real providers do. Each
 * request draws from the plan with a seeded generator (reproducible runs).
 *
 * Twilio:
 *  - `500`: refused with HTTP 500 before anything is created.
 *  - `500-after-create`: the message is created and sent, but the answer is a 500.
 *  - `429`: refused with HTTP 429 (error 20429).
 *  - `timeout-after-create`: the message is created and sent, the answer comes after `delayMs`.
 *  - `timeout-drop`: no answer for `delayMs`; the message is created only if the client still waits.
 * SMTP:
 *  - `421-greeting` / `554-greeting`: the relay refuses service when the client connects.
 *  - `451-after-data`: the message is refused after its final dot (not kept).
 *  - `timeout-after-data`: the message is kept, the 250 comes after `delayMs`.
 */
export type TwilioFault = '500' | '500-after-create' | '429' | 'timeout-after-create' | 'timeout-drop';
export type SmtpFault = '421-greeting' | '554-greeting' | '451-after-data' | 'timeout-after-data';

export interface FaultPlan<K extends string> {
  /** Share of requests that get a fault, 0 to 1. */
  rate: number;
  kinds: K[];
  delayMs: number;
}

/** A small seeded generator (mulberry32): the same seed, the same faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SandboxFaults {
  twilio: FaultPlan<TwilioFault> = { rate: 0, kinds: [], delayMs: 0 };
  smtp: FaultPlan<SmtpFault> = { rate: 0, kinds: [], delayMs: 0 };
  /** How many of each fault were injected. */
  readonly injected: Record<string, number> = {};
  private random = mulberry32(13);

  configure(plan: { twilio?: FaultPlan<TwilioFault>; smtp?: FaultPlan<SmtpFault>; seed?: number }): void {
    if (plan.twilio) this.twilio = plan.twilio;
    if (plan.smtp) this.smtp = plan.smtp;
    if (plan.seed !== undefined) this.random = mulberry32(plan.seed);
  }

  clear(): void {
    this.twilio = { rate: 0, kinds: [], delayMs: 0 };
    this.smtp = { rate: 0, kinds: [], delayMs: 0 };
  }

  nextTwilio(): TwilioFault | null {
    return this.draw(this.twilio);
  }

  nextSmtp(phase: 'greeting' | 'data'): SmtpFault | null {
    const kinds = this.smtp.kinds.filter((k) => (phase === 'greeting' ? k.endsWith('greeting') : k.endsWith('data')));
    return this.draw({ ...this.smtp, kinds });
  }

  private draw<K extends string>(plan: FaultPlan<K>): K | null {
    if (plan.kinds.length === 0 || this.random() >= plan.rate) return null;
    const kind = plan.kinds[Math.floor(this.random() * plan.kinds.length)];
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
    return kind;
  }
}
