import { BadRequestException, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoordinationService } from '@unisson/coordination';
import { isResponseKind, isResponseSource, ResponseKind, ResponseSource } from '@unisson/vocabulary';
import { PartnerNotifier } from '@unisson/webhooks';
import { responseEffect } from './domain/response-effect';
import { ResponseEvent } from './entities/response-event.entity';

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
    if (!isResponseKind(input.kind)) throw new BadRequestException({ field: 'kind', message: `unknown response kind "${input.kind}"` });
    if (!isResponseSource(input.source))
      throw new BadRequestException({ field: 'source', message: `unknown response source "${input.source}"` });
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO response_event (idempotency_key, household_id, kind, source, occurred_at, message_id, planned_contact_key, partner_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        input.idempotencyKey,
        input.householdId,
        input.kind,
        input.source,
        input.occurredAt,
        input.messageId ?? null,
        input.plannedContactKey ?? null,
        input.partnerId ?? null,
        JSON.stringify(input.details ?? {}),
      ],
    );
    if (!rows.length) {
      const [existing] = await this.dataSource
        .getRepository(ResponseEvent)
        .find({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
      return { id: existing?.id ?? '', recorded: false };
    }
    const id = rows[0].id;
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
        facts: { kind: input.kind, source: input.source },
      });
    }
    this.logger.log({ kind: input.kind, source: input.source }, 'response recorded');
    return { id, recorded: true };
  }
}
