/**
 * The dispatch hot path's writes, one statement per batch of messages: claims, hand-overs and
 * outcomes, each with its `message_status_event` rows (a single-row transaction per change
 * commits about 1,000 times a second here; one statement per batch, about 100 times more).
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Channel, MessageStatus } from './domain/message-status';
import { openNullable, openValue } from '@unisson/crypto';
import { MESSAGE_CONTEXT, OutboundMessage } from './entities/outbound-message.entity';

/** A row as `DataSource.query` returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SqlRow = Record<string, any>;

export interface DispatchOutcomeRow {
  id: string;
  /**
   * The claim this outcome belongs to (the message's `send_attempts` when it was claimed): a
   * worker whose claim lapsed, and was taken over by recovery, changes nothing any more.
   */
  attempt: number;
  /** Only if no hand-over was recorded meanwhile (recovery requeueing a message it read without one). */
  requireNoHandover?: boolean;
  to: Extract<MessageStatus, 'sent' | 'failed' | 'queued' | 'suppressed'>;
  source: string;
  providerMessageId?: string | null;
  providerStatus?: string | null;
  errorCode?: string | null;
  /** Sent: when. Defaults to now. */
  sentAt?: string | null;
  /** Queued again after an answer that may hide an accepted message: reconcile from this instant. */
  handoverAt?: string | null;
}

const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

/**
 * A claimed message: its personal fields (recipient, subject, bodies) stay sealed until first
 * read, when it is its turn to be sent. Hundreds wait at once for a provider's connections; with
 * their bodies opened they held 30 MB that every young-generation GC copied.
 */
export function messageOfRow(r: SqlRow): OutboundMessage {
  const message = plainFieldsOfRow(r);
  const opened = {
    recipient: () => openValue(r.recipient, MESSAGE_CONTEXT.recipient),
    subject: () => openNullable(r.subject, MESSAGE_CONTEXT.subject),
    body: () => openValue(r.body, MESSAGE_CONTEXT.body),
    bodyHtml: () => openNullable(r.body_html, MESSAGE_CONTEXT.bodyHtml),
  };
  for (const [field, open] of Object.entries(opened)) {
    let value: string | null | undefined;
    Object.defineProperty(message, field, { enumerable: true, get: () => (value === undefined ? (value = open()) : value) });
  }
  return message as OutboundMessage;
}

function plainFieldsOfRow(r: SqlRow): Omit<OutboundMessage, 'recipient' | 'subject' | 'body' | 'bodyHtml'> {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    plannedContactKey: r.planned_contact_key,
    householdId: r.household_id,
    procedureId: r.procedure_id,
    signingPartnerIds: r.signing_partner_ids,
    channel: r.channel as Channel,
    purpose: r.purpose,
    templateKey: r.template_key,
    templateVersion: r.template_version,
    locale: r.locale,
    variant: r.variant,
    status: r.status as MessageStatus,
    notBefore: date(r.not_before)!,
    providerMessageId: r.provider_message_id,
    sendAttempts: r.send_attempts,
    sendingStartedAt: date(r.sending_started_at),
    providerHandoverAt: date(r.provider_handover_at),
    statusCheckedAt: date(r.status_checked_at),
    lastErrorCode: r.last_error_code,
    sentAt: date(r.sent_at),
    deliveredAt: date(r.delivered_at),
    failedAt: date(r.failed_at),
    correlationId: r.correlation_id,
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
}

@Injectable()
export class DispatchStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Moves due queued messages to "sending" (the right to call the provider); returns those it moved. */
  async claim(ids: readonly string[], at: Date): Promise<OutboundMessage[]> {
    const rows: SqlRow[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE outbound_message SET status = 'sending', send_attempts = send_attempts + 1, sending_started_at = $2, updated_at = now()
          WHERE id = ANY($1::uuid[]) AND status = 'queued' AND not_before <= $2
          RETURNING *),
       events AS (
         INSERT INTO message_status_event (message_id, from_status, to_status, source) SELECT id, 'queued', 'sending', 'worker' FROM claimed)
       SELECT * FROM claimed`,
      [ids, at],
    );
    return rows.map(messageOfRow);
  }

  /**
   * The e-mail's SMTP transaction reaches its final dot: from now on it may be delivered. Only for
   * claims still held (same attempt, still "sending"); returns the ids recorded: the others must
   * not be handed over.
   */
  async recordHandovers(claims: ReadonlyArray<{ id: string; attempt: number }>): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      // A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count].
      `WITH recorded AS (
         UPDATE outbound_message m SET provider_handover_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS c(id, attempt)
          WHERE m.id = c.id AND m.status = 'sending' AND m.send_attempts = c.attempt
          RETURNING m.id)
       SELECT id FROM recorded`,
      [claims.map((c) => c.id), claims.map((c) => c.attempt)],
    );
    return rows.map((r) => r.id);
  }

  /** Records what became of claimed messages (only claims still held: same attempt, still "sending"); returns the ids moved. */
  async recordOutcomes(outcomes: readonly DispatchOutcomeRow[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "to" message_status, source text, provider_message_id text,
           provider_status text, error_code text, sent_at timestamptz, handover_at timestamptz,
           attempt int, require_no_handover boolean)),
       moved AS (
         UPDATE outbound_message m SET status = i."to",
           provider_message_id = COALESCE(i.provider_message_id, m.provider_message_id),
           sent_at = CASE WHEN i."to" = 'sent' THEN COALESCE(i.sent_at, now()) ELSE m.sent_at END,
           failed_at = CASE WHEN i."to" = 'failed' THEN now() ELSE m.failed_at END,
           last_error_code = COALESCE(i.error_code, m.last_error_code),
           provider_handover_at = CASE WHEN i."to" = 'queued' THEN i.handover_at ELSE m.provider_handover_at END,
           updated_at = now()
          FROM input i WHERE m.id = i.id AND m.status = 'sending' AND m.send_attempts = i.attempt
            AND (NOT i.require_no_handover OR m.provider_handover_at IS NULL)
          RETURNING m.id, i."to", i.source, i.provider_status, i.error_code),
       events AS (
         INSERT INTO message_status_event (message_id, from_status, to_status, source, provider_status, error_code)
         SELECT id, 'sending', "to", source, provider_status, error_code FROM moved)
       SELECT id FROM moved`,
      [
        JSON.stringify(
          outcomes.map((o) => ({
            id: o.id,
            to: o.to,
            source: o.source,
            provider_message_id: o.providerMessageId ?? null,
            provider_status: o.providerStatus ?? null,
            error_code: o.errorCode ?? null,
            sent_at: o.sentAt ?? null,
            handover_at: o.handoverAt ?? null,
            attempt: o.attempt,
            require_no_handover: o.requireNoHandover ?? false,
          })),
        ),
      ],
    );
    return rows.map((r) => r.id);
  }
}
