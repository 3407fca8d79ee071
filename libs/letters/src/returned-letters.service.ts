import { Injectable, Logger } from '@nestjs/common';
import { ResponseRecorder } from '@unisson/responses';
import { LetterLinks } from './letter-links';
import { LetterOutcomes } from './letter-outcomes';
import { PrintStageRepository } from './print-stage.repository';

export type ReturnSource = 'operator' | 'scan' | 'provider';

export type ReturnResult =
  | { status: 'recorded' | 'already-recorded'; trackingCode: string; letterId: string }
  | { status: 'unknown-code' }
  | { status: 'not-posted'; trackingCode: string };

/** What an operator's typed or scanned code gave: the letter it names, for the API and the page alike. */
export type OperatorReturnResult =
  | { status: 'invalid-code' }
  | { status: 'unknown-code' }
  | {
      status: 'recorded' | 'already-recorded' | 'not-posted';
      trackingCode: string;
      /** The lead partner that signed and sent it, as printed. */
      sender: string;
      printDay: string;
      returnedAt: Date | null;
    };

/**
 * A letter came back "n'habite pas à l'adresse indiquée" (NPAI): found by its printed tracking
 * code (typed or scanned by an operator) or by the provider's report. Recorded once: the print
 * item is marked returned, the message undelivered, and a `letter_returned` response is recorded,
 * which gives the planned contact its `npai` outcome: the playbook's escalation (the household's
 * address marked invalid, the purpose moved to the next channel).
 */
@Injectable()
export class ReturnedLetters {
  private readonly logger = new Logger('ReturnedLetters');

  constructor(
    private readonly stage: PrintStageRepository,
    private readonly outcomes: LetterOutcomes,
    private readonly responses: ResponseRecorder,
    private readonly links: LetterLinks,
  ) {}

  async byTrackingCode(typed: string, source: ReturnSource, at: Date = new Date()): Promise<ReturnResult> {
    const code = this.links.normalise(typed);
    const item = code ? await this.stage.findByTrackingCode(code) : null;
    if (!item) return { status: 'unknown-code' };
    return this.returned(item.id, source, at);
  }

  /**
   * An operator's typed or scanned code (`actor.partnerId` null for the platform's operators,
   * who see every letter): another organisation's letters do not exist for a partner's people.
   */
  async byOperator(actor: { partnerId: string | null }, typed: string, source: 'operator' | 'scan'): Promise<OperatorReturnResult> {
    const code = this.links.normalise(typed);
    if (!code) return { status: 'invalid-code' };
    const item = await this.stage.findByTrackingCode(code);
    if (!item || (actor.partnerId !== null && item.senderPartnerId !== actor.partnerId)) return { status: 'unknown-code' };
    const result = await this.returned(item.id, source, new Date());
    if (result.status === 'unknown-code') return result;
    const after = (await this.stage.findById(item.id))!;
    return {
      status: result.status,
      trackingCode: item.trackingCodeDisplay,
      sender: item.signers[0]?.name ?? '',
      printDay: item.printDay,
      returnedAt: after.returnedAt,
    };
  }

  async byProviderLetterId(providerLetterId: string, at: Date = new Date()): Promise<ReturnResult> {
    const item = await this.stage.findByProviderLetterId(providerLetterId);
    if (!item) return { status: 'unknown-code' };
    return this.returned(item.id, 'provider', at);
  }

  private async returned(itemId: string, source: ReturnSource, at: Date): Promise<ReturnResult> {
    const item = (await this.stage.findById(itemId))!;
    if (item.status === 'staged' || item.status === 'batched') return { status: 'not-posted', trackingCode: item.trackingCodeDisplay };
    const first = await this.stage.markReturned(item.id, 'NPAI', at);
    // Every step is idempotent: a retried report, or a crash between two steps, is finished here.
    await this.outcomes.returned(item.messageId);
    await this.responses.record({
      idempotencyKey: `letter-returned:${item.id}`,
      householdId: item.householdId,
      kind: 'letter_returned',
      source: 'letter',
      occurredAt: at,
      messageId: item.messageId,
      plannedContactKey: item.plannedContactKey,
      partnerId: item.senderPartnerId,
      // A letter to the landlord that came back says nothing of where the household lives: partners are told whose it was.
      details: { reportedBy: source, addressee: item.addressee },
    });
    if (first) this.logger.log({ letterId: item.id, source }, 'returned letter recorded');
    return { status: first ? 'recorded' : 'already-recorded', trackingCode: item.trackingCodeDisplay, letterId: item.id };
  }
}
