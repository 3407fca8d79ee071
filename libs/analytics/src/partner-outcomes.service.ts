import { Injectable } from '@nestjs/common';
import { AccessPolicy, Principal } from '@unisson/access';
import { HouseholdRecordsReader } from '@unisson/households';
import { UnissonError } from '@unisson/platform';
import { ResponseRecorder, StoredResponse } from '@unisson/responses';
import type { ResponseKind } from '@unisson/vocabulary';
import type { OutcomeInput } from './dto/outcome.schemas';

export interface RecordedOutcome {
  id: string;
  householdId: string;
  kind: string;
  /** `new`: counted now; `already`: the same event id was reported before and counted then (a retried webhook). */
  recorded: 'new' | 'already';
}

/** Outcomes partners report about a household (DSF, hearing, repayment plan, FSL, departure…): response events, counted once per event id. */
@Injectable()
export class PartnerOutcomes {
  constructor(
    private readonly records: HouseholdRecordsReader,
    private readonly policy: AccessPolicy,
    private readonly recorder: ResponseRecorder,
  ) {}

  async report(actor: Principal, householdId: string, input: OutcomeInput, now = new Date()): Promise<RecordedOutcome> {
    const facts = await this.records.accessFacts(householdId);
    this.policy.assert(actor, 'outcome.report', {
      territory: facts?.territory ?? '(aucun)',
      recordHolderPartnerIds: facts?.recordHolderPartnerIds ?? [],
    });
    if (!facts) throw UnissonError.notFound();
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000)
      throw UnissonError.validation([{ field: 'occurredAt', message: 'ne peut pas être dans le futur' }]);
    const details: Record<string, boolean | string> = {};
    if (input.knownToSocialServices !== undefined) details.knownToSocialServices = input.knownToSocialServices;
    const result = await this.recorder.record({
      idempotencyKey: `partner:${actor.partnerId ?? 'unisson'}:${input.eventId}`,
      householdId,
      kind: input.kind as ResponseKind,
      source: 'partner',
      occurredAt,
      partnerId: actor.partnerId,
      details,
    });
    if (result.stored && !sameOutcome(result.stored, { householdId, kind: input.kind, occurredAt, details }))
      throw new UnissonError(
        'EVENT_ID_REUSED',
        `Cet eventId a déjà servi pour une autre issue (${result.stored.kind}, ${result.stored.occurredAt.toISOString()}), qui reste enregistrée telle quelle. Une nouvelle issue demande un nouvel eventId.`,
        422,
        [{ field: 'eventId', message: 'déjà utilisé pour une autre issue' }],
      );
    return { id: result.id, householdId, kind: input.kind, recorded: result.recorded ? 'new' : 'already' };
  }
}

/** A replay is the same outcome again: same household, kind, moment and details; anything else is another event. */
function sameOutcome(stored: StoredResponse, sent: StoredResponse): boolean {
  return (
    stored.householdId === sent.householdId &&
    stored.kind === sent.kind &&
    stored.occurredAt.getTime() === sent.occurredAt.getTime() &&
    canonical(stored.details) === canonical(sent.details)
  );
}

const canonical = (details: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(details)
      .sort()
      .map((key) => [key, details[key]]),
  );
