/**
 * The port between coordination and messaging. When a planned contact is due, the executor hands
 * it over; messaging (owned by the lead) creates the outbound_message with the contact key as its
 * idempotency key and enqueues `message.dispatch`. Served acts and home visits are handed over too
 * (messaging records them or creates the social-services task).
 */
import type { PlannedContactRecord } from './coordination.repository';

export abstract class ContactHandOff {
  /** Idempotent: a contact handed over twice becomes one message. */
  abstract handOff(contact: PlannedContactRecord): Promise<void>;
  /** Of these handed-off contacts, those the other side has not received (their hand-off job was lost). */
  abstract notYetReceived(contactKeys: readonly string[]): Promise<string[]>;
}

/** Keeps what it was given: for tests and for running the engine before messaging is wired. */
export class RecordingContactHandOff extends ContactHandOff {
  readonly handedOff: PlannedContactRecord[] = [];

  async handOff(contact: PlannedContactRecord): Promise<void> {
    if (!this.handedOff.some((c) => c.key === contact.key)) this.handedOff.push(contact);
  }

  async notYetReceived(contactKeys: readonly string[]): Promise<string[]> {
    return contactKeys.filter((key) => !this.handedOff.some((c) => c.key === key));
  }
}
