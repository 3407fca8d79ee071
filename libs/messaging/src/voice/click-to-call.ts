import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, identityOf, Principal } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { bridgeTwiml, ChannelError, hangupTwiml, TwilioVoiceCalls } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { HouseholdRecordsReader, HouseholdsRepository } from '@unisson/households';
import { PartnersRepository } from '@unisson/partners';
import { UnissonError } from '@unisson/platform';
import { agentLine } from '../domain/agent-line';
import { ClickToCallRecord as ClickToCallRow, ClickToCallStatus } from '../entities/click-to-call.entity';
import { VoicePrompts } from './voice-prompts';

const E164 = /^\+[1-9]\d{6,14}$/;

export interface ClickToCallRequest {
  householdId: string;
  /** The agent's phone, called first: a French line (metropolitan or overseas) in any written form, never surcharged. */
  agentPhone: string;
  /** The same key returns the same call (a double click places one call). */
  idempotencyKey?: string | null;
}

export interface ClickToCallView {
  id: string;
  householdId: string;
  partnerId: string;
  status: ClickToCallStatus;
  /** The partner's number the household sees. */
  callerId: string;
  householdCallStatus: string | null;
  createdAt: string;
  /** Every status Twilio reported, per leg, in order. */
  events: Array<{ leg: string; status: string; at: string }>;
}

/** Where Twilio fetches a bridge's TwiML and posts its legs' statuses. */
export function clickToCallUrls(publicBaseUrl: string, id: string) {
  return {
    twiml: `${publicBaseUrl}/v1/voice/click-to-call/${id}/twiml`,
    dialEnded: `${publicBaseUrl}/v1/voice/click-to-call/${id}/dial-ended`,
    agentStatus: `${publicBaseUrl}/v1/webhooks/twilio/call-status?clickToCallId=${id}&leg=agent`,
    householdStatus: `${publicBaseUrl}/v1/webhooks/twilio/call-status?clickToCallId=${id}&leg=household`,
  };
}

const ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/**
 * Click-to-call: Twilio calls the agent's phone first; once the agent answers, the TwiML served
 * by the API dials the household with the partner's number shown (`<Dial callerId>`). The
 * household's number never leaves the server (the agent does not see it). Both legs' status
 * callbacks are signed and recorded. For the worklists of call platforms (and their API).
 */
@Injectable()
export class ClickToCall {
  private readonly logger = new Logger('ClickToCall');

  constructor(
    private readonly dataSource: DataSource,
    private readonly records: HouseholdRecordsReader,
    private readonly households: HouseholdsRepository,
    private readonly partners: PartnersRepository,
    private readonly calls: TwilioVoiceCalls,
    private readonly policy: AccessPolicy,
    private readonly prompts: VoicePrompts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  /** Places the call (agent first). 400 naming `agentPhone`, 404 for a household out of reach, 409 when it cannot be called. */
  async start(actor: Principal, request: ClickToCallRequest): Promise<ClickToCallView> {
    const facts = await this.records.accessFacts(request.householdId);
    this.policy.assert(actor, 'household.call.place', {
      territory: facts?.territory ?? '(aucun)',
      recordHolderPartnerIds: facts?.recordHolderPartnerIds ?? [],
    });
    if (!facts) throw UnissonError.notFound();
    const line = agentLine(request.agentPhone);
    if (line.problem !== undefined) throw UnissonError.validation([{ field: 'agentPhone', message: line.problem }]);
    const agentPhone = line.e164;
    if (!actor.partnerId) {
      throw new UnissonError('FORBIDDEN', 'Un appel part au nom d’une organisation : connectez-vous avec un compte de partenaire.', 403);
    }
    await this.householdPhone(request.householdId); // refused now if it cannot be called; dialled once the agent answers
    const [partner] = await this.partners.findPartnersByIds([actor.partnerId]);
    const callerId = partner?.publicPhone && E164.test(partner.publicPhone) ? partner.publicPhone : this.config.twilio.fromNumber;
    const idempotencyKey = `${identityOf(actor)}:${request.idempotencyKey ?? globalThis.crypto.randomUUID()}`;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO click_to_call (idempotency_key, household_id, partner_id, requested_by, agent_phone, caller_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [idempotencyKey, request.householdId, actor.partnerId, identityOf(actor), agentPhone, callerId],
    );
    const repo = this.dataSource.getRepository(ClickToCallRow);
    if (!rows.length) {
      const existing = await repo.findOneByOrFail({ idempotencyKey });
      if (existing.householdId !== request.householdId) {
        throw UnissonError.conflict('IDEMPOTENCY_KEY_REUSED', 'Cette clé d’idempotence a déjà servi pour un autre foyer.');
      }
      return this.view(existing);
    }
    const id = rows[0]!.id;
    await this.audit?.record({
      actor,
      action: 'household.call.place',
      subjectType: 'click_to_call',
      subjectId: id,
      householdId: request.householdId,
      outcome: 'success',
      fields: ['phone'],
    });
    const urls = clickToCallUrls(this.config.api.publicBaseUrl, id);
    try {
      const receipt = await this.calls.create({
        to: agentPhone,
        from: this.config.twilio.fromNumber,
        twimlUrl: urls.twiml,
        statusCallbackUrl: urls.agentStatus,
      });
      await repo.update({ id }, { status: 'calling_agent', agentCallSid: receipt.callSid });
    } catch (error) {
      await repo.update({ id }, { status: 'failed' });
      const code = error instanceof ChannelError ? error.code : 'UNEXPECTED';
      this.logger.warn({ clickToCallId: id, code }, 'the agent could not be called');
      throw new UnissonError('PROVIDER_UNAVAILABLE', `L’appel n’a pas pu être passé (${code}) : réessayez dans un instant.`, 502);
    }
    return this.find(actor, id);
  }

  /** One call as its organisation sees it (404 for anyone else, as for an unknown id). */
  async find(actor: Principal, id: string): Promise<ClickToCallView> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.dataSource.getRepository(ClickToCallRow).findOneBy({ id }) : null;
    if (!row || (actor.partnerId !== null && row.partnerId !== actor.partnerId)) throw UnissonError.notFound();
    const facts = await this.records.accessFacts(row.householdId);
    this.policy.assert(actor, 'household.call.place', {
      territory: facts?.territory ?? '(aucun)',
      recordHolderPartnerIds: facts?.recordHolderPartnerIds ?? [],
    });
    return this.view(row);
  }

  /** The agent answered: dial the household, showing the partner's number. Null when this call is not ours to bridge. */
  async bridge(id: string, agentCallSid: string): Promise<string> {
    const row = await this.dataSource.getRepository(ClickToCallRow).findOneBy({ id });
    if (!row || row.agentCallSid !== agentCallSid) return hangupTwiml();
    let householdPhone: string;
    try {
      householdPhone = await this.householdPhone(row.householdId);
    } catch {
      return hangupTwiml(); // the household objected or lost its number since the click
    }
    const urls = clickToCallUrls(this.config.api.publicBaseUrl, id);
    await this.setStatus(id, ['requested', 'calling_agent'], 'calling_household');
    return bridgeTwiml({
      callerId: row.callerId,
      householdPhone,
      agentAnnouncement: this.prompts.for('fr').agentAnnouncement,
      statusCallbackUrl: urls.householdStatus,
      dialActionUrl: urls.dialEnded,
    });
  }

  /** A leg's status callback (already verified and recorded once). */
  async legChanged(id: string, leg: 'agent' | 'household', callSid: string, callStatus: string): Promise<void> {
    const repo = this.dataSource.getRepository(ClickToCallRow);
    if (leg === 'household') {
      await repo.update({ id }, { householdCallSid: callSid, householdCallStatus: callStatus });
      if (callStatus === 'in-progress') await this.setStatus(id, ['requested', 'calling_agent', 'calling_household'], 'connected');
      if (ENDED.has(callStatus)) await this.setStatus(id, ['requested', 'calling_agent', 'calling_household', 'connected'], 'ended');
      return;
    }
    if (ENDED.has(callStatus)) {
      // The agent hung up: after the household's leg, the call ended; before, the household never rang.
      const row = await repo.findOneBy({ id });
      if (row?.householdCallSid) await this.setStatus(id, ['calling_household', 'connected'], 'ended');
      else await this.setStatus(id, ['requested', 'calling_agent', 'calling_household'], 'failed');
    }
  }

  private async setStatus(id: string, from: ClickToCallStatus[], to: ClickToCallStatus): Promise<void> {
    await this.dataSource.query(`UPDATE click_to_call SET status = $2, updated_at = now() WHERE id = $1 AND status = ANY($3::text[])`, [
      id,
      to,
      from,
    ]);
  }

  private async householdPhone(householdId: string): Promise<string> {
    const facts = await this.households.findFacts(householdId);
    const optedOut = await this.households.optedOutChannelsOf([householdId]);
    if (optedOut.get(householdId)?.has('call')) {
      throw UnissonError.conflict('OPTED_OUT', 'Le foyer s’est opposé aux appels : il ne peut pas être appelé.');
    }
    const phone = facts?.records.map((r) => r.phone).find((p): p is string => !!p && E164.test(p));
    if (!phone) throw UnissonError.conflict('NO_PHONE', 'Aucun numéro de téléphone connu pour ce foyer : corrigez ses coordonnées.');
    return phone;
  }

  private async view(row: ClickToCallRow): Promise<ClickToCallView> {
    const events: Array<{ leg: string; call_status: string; received_at: Date }> = await this.dataSource.query(
      `SELECT leg, call_status, received_at FROM call_status_event WHERE click_to_call_id = $1 ORDER BY received_at, sequence_number NULLS LAST`,
      [row.id],
    );
    return {
      id: row.id,
      householdId: row.householdId,
      partnerId: row.partnerId,
      status: row.status,
      callerId: row.callerId,
      householdCallStatus: row.householdCallStatus,
      createdAt: row.createdAt.toISOString(),
      events: events.map((e) => ({ leg: e.leg, status: e.call_status, at: new Date(e.received_at).toISOString() })),
    };
  }
}
