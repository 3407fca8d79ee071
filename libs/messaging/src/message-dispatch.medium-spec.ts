import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startProviderSandbox, ProviderSandbox } from '../../../apps/provider-sandbox/src';
import { ConfigModule, loadConfig } from '@unisson/config';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { HouseholdsRepository } from '@unisson/households';
import { createIsolatedDatabase, IsolatedDatabase, isolatedQueuePrefix } from '../../../test/support/isolated-database';
import { ChannelSenderRegistry, emailMessageId } from '@unisson/channels';
import { MessageDraft } from './domain/message-draft';
import { DispatchStateRepository } from './dispatch-state.repository';
import { DeferredError, MessageDispatchService, RetryLaterError } from './message-dispatch.service';
import { MessagesRepository } from './messages.repository';
import { PartnersDirectoryModule } from '@unisson/partners';
import { TemplateLibraryModule } from '@unisson/templates';
import { MessagingModule } from './messaging.module';

jest.setTimeout(30_000);

describe('MessageDispatchService on Postgres and the Twilio-compatible server', () => {
  let database: IsolatedDatabase;
  let sandbox: ProviderSandbox;
  let dispatch: MessageDispatchService;
  let messages: MessagesRepository;
  let households: HouseholdsRepository;
  let dataSource: DataSource;
  let state: DispatchStateRepository;
  let registry: ChannelSenderRegistry;
  let close: () => Promise<void>;

  beforeAll(async () => {
    database = await createIsolatedDatabase('dispatch');
    const base = loadConfig({});
    sandbox = await startProviderSandbox({
      twilioPort: 0,
      smtpPort: 0,
      accountSid: base.twilio.accountSid,
      authToken: base.twilio.authToken,
      lifecycleDelayMs: 10_000,
    });
    const moduleRef = await compileDispatch({ MAIL_LOG_URL: sandbox.twilioUrl });
    dispatch = moduleRef.get(MessageDispatchService);
    messages = moduleRef.get(MessagesRepository);
    households = moduleRef.get(HouseholdsRepository);
    dataSource = moduleRef.get(DataSource);
    state = moduleRef.get(DispatchStateRepository);
    registry = moduleRef.get(ChannelSenderRegistry);
    close = () => moduleRef.close();
  });

  /** Messaging on the test's database and providers; `mail` chooses how an e-mail in doubt is settled. */
  async function compileDispatch(mail: { MAIL_LOG_URL: string }) {
    return Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(
          loadConfig({
            DATABASE_URL: database.url,
            TWILIO_BASE_URL: sandbox.twilioUrl,
            MAIL_LOG_SETTLE_MS: '1000',
            SMTP_URL: `smtp://127.0.0.1:${sandbox.smtpPort}`,
            QUEUE_PREFIX: isolatedQueuePrefix('dispatch'),
            SMS_PARTS_PER_SECOND: '1000',
            ...mail,
          }),
        ),
        TypeOrmModule.forRoot(dataSourceOptions(database.url, unissonSchema, { poolSize: 4 })),
        // The letter sender (one of the channel senders) reads the partners' directory and the template library.
        PartnersDirectoryModule,
        TemplateLibraryModule,
        MessagingModule,
      ],
    }).compile();
  }

  afterAll(async () => {
    await close?.();
    await sandbox?.stop();
    await database?.drop();
  });

  async function queuedSms(recipient: string, body = `Message ${randomUUID()}`): Promise<string> {
    const draft: MessageDraft = {
      idempotencyKey: `test:${randomUUID()}`,
      householdId: randomUUID(),
      procedureId: null,
      signingPartnerIds: [randomUUID()],
      channel: 'sms',
      purpose: 'premier_impaye_information',
      templateKey: 'test',
      templateVersion: 'v1',
      locale: 'fr',
      variant: 'default',
      recipient,
      subject: null,
      body,
      bodyHtml: null,
      notBefore: new Date(Date.now() - 1000),
      correlationId: null,
    };
    const [id] = await messages.insertDrafts(dataSource.manager, [draft]);
    return id;
  }
  const sentTo = (to: string) => sandbox.store.messages.filter((m) => m.to === to);

  it('sends once when two workers take the same message at the same time', async () => {
    const id = await queuedSms('+33611000011');
    const settled = await Promise.allSettled([dispatch.dispatch(id), dispatch.dispatch(id), dispatch.dispatch(id)]);
    const outcomes = settled.map((r) =>
      r.status === 'fulfilled' ? r.value : r.reason instanceof RetryLaterError ? 'retry-later' : r.reason,
    );
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    // A loser either lost the claim, or found the message being sent and asks to be retried later.
    for (const o of outcomes.filter((x) => x !== 'sent')) expect(['already-handled', 'retry-later']).toContain(o);
    expect(sentTo('+33611000011')).toHaveLength(1);
    expect((await messages.findById(id))!.status).toBe('sent');
  });

  it('does not resend after a crash once the provider had accepted the SMS', async () => {
    const id = await queuedSms('+33611000012', 'Texte unique A');
    await dispatch.dispatch(id);
    const providerId = (await messages.findById(id))!.providerMessageId;
    // Simulate a worker killed after the provider accepted but before "sent" was recorded.
    await dataSource.query(
      `UPDATE outbound_message SET status = 'sending', provider_message_id = NULL, sending_started_at = now() - interval '10 minutes' WHERE id = $1`,
      [id],
    );
    const later = new Date(Date.now() + dispatch.stuckAfterMs);
    expect(await dispatch.dispatch(id, later)).toBe('recovered');
    expect(sentTo('+33611000012')).toHaveLength(1);
    expect((await messages.findById(id))!.providerMessageId).toBe(providerId);
  });

  it('sends after a crash when the provider never received the SMS', async () => {
    const id = await queuedSms('+33611000013');
    await dataSource.query(
      `UPDATE outbound_message SET status = 'sending', sending_started_at = now() - interval '10 minutes' WHERE id = $1`,
      [id],
    );
    expect(await dispatch.dispatch(id)).toBe('sent');
    expect(sentTo('+33611000013')).toHaveLength(1);
  });

  async function queuedEmail(recipient: string): Promise<string> {
    const id = await queuedSms('+33611000099');
    await dataSource.query(
      `UPDATE outbound_message SET channel = 'email', recipient = $2, subject = 'Rendez-vous', body_html = '<p>Rendez-vous</p>' WHERE id = $1`,
      [id, recipient],
    );
    return id;
  }
  const emailsTo = (to: string) => sandbox.store.emails.filter((e) => e.envelope.rcptTo.includes(to));
  /** A worker killed after recording the hand-over (the final dot about to leave): the message stays "sending". */
  const killedAfterHandover = (id: string) =>
    dataSource.query(
      `UPDATE outbound_message SET status = 'sending', sending_started_at = now() - interval '10 minutes',
         provider_handover_at = now() - interval '10 minutes' WHERE id = $1`,
      [id],
    );

  it('sends again, with its Message-ID, an e-mail handed over whose final dot never reached the relay (not in its log)', async () => {
    const id = await queuedEmail('dot.perdu@example.org');
    await killedAfterHandover(id);
    expect(await dispatch.dispatch(id)).toBe('sent');
    const received = emailsTo('dot.perdu@example.org');
    expect(received).toHaveLength(1);
    expect(received[0].messageId).toBe(emailMessageId((await messages.findById(id))!.idempotencyKey));
  });

  it('does not resend an e-mail handed over that the relay accepted (in its log): recorded sent', async () => {
    const id = await queuedEmail('dot.recu@example.org');
    expect(await dispatch.dispatch(id)).toBe('sent');
    await killedAfterHandover(id);
    expect(await dispatch.dispatch(id)).toBe('recovered');
    expect(emailsTo('dot.recu@example.org')).toHaveLength(1);
    expect((await messages.findById(id))!.status).toBe('sent');
  });

  it('sends once a stuck message that two recoveries take up, the slower one after the other re-claimed it', async () => {
    const id = await queuedSms('+33611000021');
    await dataSource.query(
      `UPDATE outbound_message SET status = 'sending', sending_started_at = now() - interval '10 minutes' WHERE id = $1`,
      [id],
    );
    const sms = registry.senderFor('sms')!;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const [lookup, send] = [sms.lookup.bind(sms), sms.send.bind(sms)];
    // One recovery (the reconciler's job) asks the provider slowly; the other (the retried job)
    // requeues, claims again and is still sending when the slow one acts on what it read.
    jest.spyOn(sms, 'lookup').mockImplementationOnce(async (...args) => (await pause(250), lookup(...args)));
    jest.spyOn(sms, 'send').mockImplementationOnce(async (...args) => (await pause(600), send(...args)));
    const slow = dispatch.dispatch(id);
    await pause(20);
    const settled = await Promise.allSettled([slow, dispatch.dispatch(id)]);
    jest.restoreAllMocks();
    expect(settled.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual(['already-handled', 'sent']);
    expect(sentTo('+33611000021')).toHaveLength(1);
  });

  it('leaves a message being sent by a live worker alone', async () => {
    const id = await queuedSms('+33611000014');
    await dataSource.query(`UPDATE outbound_message SET status = 'sending', sending_started_at = now() WHERE id = $1`, [id]);
    await expect(dispatch.dispatch(id)).rejects.toThrow('being sent by another worker');
    expect(sentTo('+33611000014')).toHaveLength(0);
  });

  it('gives back, unsent, a message whose claim outlived its lease while it waited (recovery may be sending it)', async () => {
    const id = await queuedSms('+33611000016');
    await dataSource.query(`UPDATE outbound_message SET not_before = now() - interval '1 hour' WHERE id = $1`, [id]);
    const claimNow = state.claim.bind(state);
    // The claim was taken a lease ago: the worker waited that long (its turn, a slow database).
    jest.spyOn(state, 'claim').mockImplementationOnce((ids, at) => claimNow(ids, new Date(at.getTime() - dispatch.claimLeaseMs - 1)));
    await expect(dispatch.dispatch(id)).rejects.toBeInstanceOf(DeferredError);
    expect(sentTo('+33611000016')).toHaveLength(0);
    const givenBack = (await messages.findById(id))!;
    expect([givenBack.status, givenBack.lastErrorCode]).toEqual(['queued', 'CLAIM_LAPSED']);
    expect(await dispatch.dispatch(id)).toBe('sent');
    expect(sentTo('+33611000016')).toHaveLength(1);
  });

  it('lets a worker whose claim recovery took over change nothing: neither a hand-over nor an outcome', async () => {
    const id = await queuedSms('+33611000017');
    await dataSource.query(`UPDATE outbound_message SET not_before = now() - interval '1 hour' WHERE id = $1`, [id]);
    const [lost] = await state.claim([id], new Date(Date.now() - 60_000));
    // Recovery requeued it and another worker claimed it.
    expect(await state.recordOutcomes([{ id, attempt: lost.sendAttempts, to: 'queued', source: 'reconciler', handoverAt: null }])).toEqual([
      id,
    ]);
    const [held] = await state.claim([id], new Date());
    expect(held.sendAttempts).toBe(lost.sendAttempts + 1);
    expect(await state.recordHandovers([{ id, attempt: lost.sendAttempts }])).toEqual([]);
    expect(await state.recordOutcomes([{ id, attempt: lost.sendAttempts, to: 'queued', source: 'worker', errorCode: 'LATE' }])).toEqual([]);
    const untouched = (await messages.findById(id))!;
    expect([untouched.status, untouched.providerHandoverAt, untouched.lastErrorCode]).toEqual(['sending', null, null]);
    // The holder records its hand-over; a recovery that read the message before it does not requeue it.
    expect(await state.recordHandovers([{ id, attempt: held.sendAttempts }])).toEqual([id]);
    expect(
      await state.recordOutcomes([
        { id, attempt: held.sendAttempts, to: 'queued', source: 'reconciler', handoverAt: null, requireNoHandover: true },
      ]),
    ).toEqual([]);
    expect((await messages.findById(id))!.status).toBe('sending');
  });

  it('without the relay’s log, withholds the final dot of an e-mail whose claim recovery took over meanwhile', async () => {
    const withoutLog = await compileDispatch({ MAIL_LOG_URL: '' });
    try {
      const id = await queuedEmail('repris.ailleurs@example.org');
      const withoutLogState = withoutLog.get(DispatchStateRepository);
      const recordHandovers = withoutLogState.recordHandovers.bind(withoutLogState);
      jest.spyOn(withoutLogState, 'recordHandovers').mockImplementationOnce(async (claims) => {
        // While this worker's DATA waited, recovery requeued the message and another worker claimed it.
        await dataSource.query(`UPDATE outbound_message SET send_attempts = send_attempts + 1, sending_started_at = now() WHERE id = $1`, [
          id,
        ]);
        return recordHandovers(claims);
      });
      await expect(withoutLog.get(MessageDispatchService).dispatch(id)).rejects.toBeInstanceOf(DeferredError);
      expect(emailsTo('repris.ailleurs@example.org')).toHaveLength(0);
      // The other worker's claim is left as it was: still sending, no hand-over, not requeued.
      const row = (await messages.findById(id))!;
      expect([row.status, row.providerHandoverAt]).toEqual(['sending', null]);
    } finally {
      await withoutLog.close();
    }
  });

  it('suppresses a message whose household refused the channel after it was planned', async () => {
    const id = await queuedSms('+33611000015');
    const message = (await messages.findById(id))!;
    await households.recordOptOut(message.householdId, 'sms', 'sms_stop');
    expect(await dispatch.dispatch(id)).toBe('suppressed');
    expect(sentTo('+33611000015')).toHaveLength(0);
  });

  it('marks a message failed, without retrying, when the provider refuses the number', async () => {
    const id = await queuedSms('+999');
    expect(await dispatch.dispatch(id)).toBe('failed');
    const row = (await messages.findById(id))!;
    expect(row.status).toBe('failed');
    expect(row.lastErrorCode).toBe('21211');
  });
});
