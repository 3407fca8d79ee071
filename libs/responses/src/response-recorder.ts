import { BadRequestException, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoordinationService } from '@unisson/coordination';
import { isResponseKind, isResponseSource, ResponseKind, ResponseSource } from '@unisson/vocabulary';
import { PartnerNotifier } from '@unisson/webhooks';
import { responseEffect } from './domain/response-effect';

/** A response as a capability reports it: identifiers and facts, never names, phones or addresses. */
export interface ResponseEventInput {
  /** Counted once per key: the provider's event id, the token and action, the task and attempt… */
  idempotencyKey: string;
  householdId: string;
  kind: ResponseKind;
  source: ResponseSource;
  occurredAt: Date;
  messageId?: string | null;
  plannedContactKey?: string | null;
  partnerId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export interface RecordedResponse {
  id: string;
  /** False when the same key was recorded before (nothing changed). */
  recorded: boolean;
  /** When the key was recorded before: what was stored then (a caller tells a replay from a different event under a reused key). */
  stored?: StoredResponse;
}

export interface StoredResponse {
  householdId: string;
  kind: string;
  occurredAt: Date;
  details: Record<string, unknown>;
}

/**
 * The one way a response enters Unisson. Stored once per idempotency key, then: the planned
 * contact it follows gets its outcome, the engine learns that the household responded and
 * re-plans, and the partners holding a record of the household hear of it (webhooks).
 */
@Injectable()
export class ResponseRecorder {
  private readonly logger = new Logger('ResponseRecorder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly coordination: CoordinationService,
    @Optional() private readonly notifier?: PartnerNotifier,
  ) {}

  async record(input: ResponseEventInput): Promise<RecordedResponse> {
    const [recorded] = await this.recordMany([input]);
    return recorded!;
  }

  /**
   * Many responses in one statement (a partner's batch, the benchmark): each is stored once per
   * idempotency key (a key seen before, or twice in the batch, is counted once), then the new ones
   * have their effects, in order. Results in the order of the inputs.
   */
  async recordMany(inputs: readonly ResponseEventInput[]): Promise<RecordedResponse[]> {
    inputs.forEach((input, i) => {
      const at = inputs.length > 1 ? `[${i}].` : '';
      if (!isResponseKind(input.kind))
        throw new BadRequestException({ field: `${at}kind`, message: `unknown response kind "${input.kind}"` });
      if (!isResponseSource(input.source))
        throw new BadRequestException({ field: `${at}source`, message: `unknown response source "${input.source}"` });
    });
    if (!inputs.length) return [];
    const rows: Array<{ id: string; idempotency_key: string }> = await this.dataSource.query(
      `INSERT INTO response_event (idempotency_key, household_id, kind, source, occurred_at, message_id, planned_contact_key, partner_id, details)
       SELECT idempotency_key, household_id, kind, source, occurred_at, message_id, planned_contact_key, partner_id, coalesce(details, '{}')
         FROM jsonb_to_recordset($1::jsonb) AS r(idempotency_key text, household_id uuid, kind text, source text, occurred_at timestamptz,
                                                  message_id uuid, planned_contact_key text, partner_id uuid, details jsonb)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, idempotency_key`,
      [
        JSON.stringify(
          inputs.map((input) => ({
            idempotency_key: input.idempotencyKey,
            household_id: input.householdId,
            kind: input.kind,
            source: input.source,
            occurred_at: input.occurredAt,
            message_id: input.messageId ?? null,
            planned_contact_key: input.plannedContactKey ?? null,
            partner_id: input.partnerId ?? null,
            details: input.details ?? {},
          })),
        ),
      ],
    );
    const created = new Map(rows.map((r) => [r.idempotency_key, r.id]));
    const missing = inputs.map((i) => i.idempotencyKey).filter((k) => !created.has(k));
    const existing = new Map<string, string>();
    const stored = new Map<string, StoredResponse>();
    if (missing.length) {
      const found: Array<{
        id: string;
        idempotency_key: string;
        household_id: string;
        kind: string;
        occurred_at: Date;
        details: Record<string, unknown> | null;
      }> = await this.dataSource.query(
        `SELECT id, idempotency_key, household_id, kind, occurred_at, details FROM response_event WHERE idempotency_key = ANY ($1::text[])`,
        [missing],
      );
      for (const r of found) {
        existing.set(r.idempotency_key, r.id);
        stored.set(r.idempotency_key, {
          householdId: r.household_id,
          kind: r.kind,
          occurredAt: new Date(r.occurred_at),
          details: r.details ?? {},
        });
      }
    }
    const results: RecordedResponse[] = [];
    for (const input of inputs) {
      const id = created.get(input.idempotencyKey);
      // Only the first input with a new key has the effects (a key twice in one batch counts once).
      if (id && created.delete(input.idempotencyKey)) {
        existing.set(input.idempotencyKey, id);
        await this.applyEffects(id, input);
        results.push({ id, recorded: true });
      } else {
        const before = stored.get(input.idempotencyKey);
        results.push({ id: existing.get(input.idempotencyKey) ?? '', recorded: false, ...(before ? { stored: before } : {}) });
      }
    }
    return results;
  }

  /** What a new response changes: its contact's outcome, the engine's plan, the partners' webhooks. */
  private async applyEffects(id: string, input: ResponseEventInput): Promise<void> {
    const effect = responseEffect(input.kind, !!input.plannedContactKey);
    if (effect.contactOutcome && input.plannedContactKey)
      await this.coordination.recordOutcome(input.plannedContactKey, effect.contactOutcome);
    if (effect.householdResponded)
      await this.coordination.recordEvent(input.householdId, { type: 'householdResponded', at: input.occurredAt.toISOString() });
    if (effect.householdResponded || input.kind === 'letter_returned') {
      await this.notifier?.notifyPartner({
        type: input.kind === 'letter_returned' ? 'letter.returned' : 'household.responded',
        eventId: `response:${id}`,
        householdId: input.householdId,
        occurredAt: input.occurredAt.toISOString(),
        facts: {
          kind: input.kind,
          source: input.source,
          // A returned letter says to whom it was written (the household, or its private landlord).
          ...(typeof input.details?.addressee === 'string' ? { addressee: input.details.addressee } : {}),
        },
      });
    }
    this.logger.log({ kind: input.kind, source: input.source }, 'response recorded');
  }
}
