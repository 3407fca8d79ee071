import { blindIndex } from '@unisson/crypto';
import { emailLinkUrls } from '@unisson/channels';
import { MessageDraft, MessagesRepository } from '@unisson/messaging';
import { DEFAULT_VARIANT, loadTemplateSources, TemplateLibrary } from '@unisson/templates';
import { eventually } from '../support/free-port';
import { TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';
import { messagesTo } from '../support/sealed-rows';

jest.setTimeout(120_000);

interface Submission {
  status: string;
  outcome: { householdId: string };
}

describe('e-mail done properly and click-to-call, through the whole stack', () => {
  let stack: UnissonStack;
  let landlord: TestClient;

  const alertFor = async (partnerRef: string, lastName: string, street: string, contacts: Record<string, string>) => {
    const posted = await landlord.post<{ submissionId: string }>('/v1/alerts', {
      partnerRef,
      tenant: { lastName, firstName: 'Awa' },
      address: { street, postalCode: '93200', city: 'Saint-Denis' },
      contacts,
      lease: { housingSector: 'social', monthlyRent: 600 },
      arrears: { amount: 1200, firstUnpaidOn: '2026-10-05' },
    });
    expect(posted.status).toBe(202);
    return eventually(
      async () => {
        const s = await landlord.get<Submission>(`/v1/submissions/${posted.body.submissionId}`);
        return s.body.status === 'processed' ? s.body.outcome.householdId : undefined;
      },
      30_000,
      'the alert to be processed',
    );
  };
  /** A message stored the way messaging stores any (the reconciler hands it to dispatch). */
  const storeMessage = async (
    partnerSlug: string,
    fields: Partial<MessageDraft> & Pick<MessageDraft, 'idempotencyKey' | 'householdId' | 'channel' | 'recipient'>,
  ) => {
    const [partner] = await stack.db.query(`SELECT id FROM partner WHERE slug = $1`, [partnerSlug]);
    const [id] = await new MessagesRepository(stack.db).insertDrafts(stack.db.manager, [
      {
        plannedContactKey: null,
        procedureId: null,
        signingPartnerIds: [partner.id],
        purpose: 'rappelImpaye',
        notBefore: new Date(),
        correlationId: null,
        templateKey: 'first_arrears_information',
        templateVersion: 'e2e',
        locale: 'fr',
        variant: 'default',
        subject: null,
        body: 'Bonjour',
        bodyHtml: null,
        ...fields,
      },
    ]);
    return id!;
  };
  const emailTo = (address: string) =>
    eventually(() => stack.sandbox.store.emails.find((e) => e.to.includes(address)), 60_000, `the e-mail to ${address}`);

  beforeAll(async () => {
    // The reconciler hands stored messages to dispatch every second (the spoken message below).
    stack = await startUnissonStack('e2e_voice_email', { RECONCILE_EVERY_MS: '1000' });
    landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sends the e-mail in the lead partner’s name, with its Reply-To, a text part, tel: links and one-click unsubscribe', async () => {
    await alertFor('HS93-VE-1', 'Diallo', '8 rue Ambroise Croizat', { email: 'awa.diallo@example.org' });
    const email = await emailTo('awa.diallo@example.org');
    expect(email.headers.from).toMatch(/^"?Habitat Solidaire 93"? <ne-pas-repondre@unisson\.local>$/);
    expect(email.headers['reply-to']).toBe('accompagnement@habitat-solidaire-93.example');
    const { text, html } = await stack.sandbox.store.emailBodies(email);
    expect(text).toMatch(/1\s200\s€/);
    expect(html).toMatch(/<a href="tel:\+33148000001">/);
    expect(email.headers['list-unsubscribe']).toMatch(new RegExp(`^<${stack.baseUrl}/v1/email/unsubscribe\\?t=[\\w-]+\\.[\\w-]+>$`));
    expect(email.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // The envelope sender is the VERP return path of this very message.
    const [message] = await messagesTo<{ id: string }>(stack.db, 'awa.diallo@example.org', 'id');
    expect(email.envelope.mailFrom).toBe(`rebonds+${message.id}@unisson.local`);
  });

  it('honours the one-click unsubscribe for every partner (a GET only shows the page; a forged token is refused)', async () => {
    const householdId = await alertFor('HS93-VE-2', 'Keita', '10 rue Ambroise Croizat', { email: 'moussa.keita@example.org' });
    const email = await emailTo('moussa.keita@example.org');
    const url = email.headers['list-unsubscribe']!.slice(1, -1);
    const optOuts = () => stack.db.query(`SELECT channel, source FROM household_opt_out WHERE household_id = $1`, [householdId]);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ne plus recevoir de courriels');
    expect(await optOuts()).toEqual([]);

    const forged = await fetch(`${url.slice(0, -3)}AAA`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(forged.status).toBe(404);
    expect(await optOuts()).toEqual([]);

    // What a mail client sends for RFC 8058: a POST with this one form field.
    const oneClick = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await optOuts()).toEqual([{ channel: 'email', source: 'email_unsubscribe' }]);

    // After: an e-mail another partner (the CAF) signs is not sent either: suppressed at the last moment.
    const cafMessage = await storeMessage('caf-93', {
      idempotencyKey: 'e2e-caf-email-after-unsubscribe',
      householdId,
      channel: 'email',
      recipient: 'moussa.keita@example.org',
      subject: 'Votre loyer',
    });
    const [suppressed] = await eventually(
      async () => {
        const rows = await stack.db.query(`SELECT status FROM outbound_message WHERE id = $1`, [cafMessage]);
        return ['queued', 'sending'].includes(rows[0]?.status) ? undefined : rows;
      },
      30_000,
      'the CAF’s e-mail to be dispatched',
    );
    expect(suppressed.status).toBe('suppressed');
    expect(stack.sandbox.store.emails.filter((e) => e.to.includes('moussa.keita@example.org'))).toHaveLength(1);
  });

  it('records a tracked link’s visit once and redirects only to allowed sites', async () => {
    await alertFor('HS93-VE-3', 'Traore', '12 rue Ambroise Croizat', { email: 'fatou.traore@example.org' });
    await emailTo('fatou.traore@example.org');
    const [message] = await messagesTo<{ id: string; household_id: string }>(stack.db, 'fatou.traore@example.org', 'id, household_id');
    const links = emailLinkUrls(stack.config);
    const destination = 'https://www.service-public.fr/particuliers/vosdroits/F1202';
    const follow = (url: string) => fetch(url, { redirect: 'manual' });

    const first = await follow(links.tracked(message.id, destination));
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(destination);
    expect((await follow(links.tracked(message.id, destination))).status).toBe(302);
    const events = await stack.db.query(`SELECT kind, source FROM response_event WHERE message_id = $1`, [message.id]);
    expect(events).toEqual([{ kind: 'link_visited', source: 'email' }]);

    // Signed by us but leading elsewhere, or not signed by us: no redirect.
    const elsewhere = await follow(links.tracked(message.id, 'https://evil.example/phish'));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get('location')).toBeNull();
    const forged = links.tracked(message.id, destination).replace(/\.[\w-]+$/, '.AAAA');
    expect((await follow(forged)).status).toBe(404);
  });

  it('marks a bounced address invalid and moves the plan to its next channel', async () => {
    const householdId = await alertFor('HS93-VE-4', 'Camara', '14 rue Ambroise Croizat', {
      phone: '06 22 33 44 55',
      email: 'inconnu.camara@example.org',
    });
    await emailTo('inconnu.camara@example.org');
    const [message] = await eventually(
      async () => {
        const rows = await messagesTo<{ id: string; status: string; planned_contact_key: string }>(
          stack.db,
          'inconnu.camara@example.org',
          'id, status, planned_contact_key',
        );
        return rows[0]?.status === 'undelivered' ? rows : undefined;
      },
      30_000,
      'the bounce to be processed',
    );
    // The sandbox's relay returned an RFC 3464 report to the VERP address, handed signed to the API.
    const hook = await eventually(
      () =>
        stack.sandbox.store.webhooks.find((w) => w.kind === 'email-bounce' && w.params.envelopeTo?.includes(message.id) && w.httpStatus),
      10_000,
      'the answer to the bounce webhook',
    );
    expect(hook.httpStatus).toBe(200);
    // Kept as a keyed blind index only: the address itself is not stored.
    expect(await stack.db.query(`SELECT address_index, status_code FROM email_bounce WHERE household_id = $1`, [householdId])).toEqual([
      { address_index: blindIndex('email', 'inconnu.camara@example.org'), status_code: '5.1.1' },
    ]);
    expect(await stack.db.query(`SELECT kind FROM response_event WHERE message_id = $1`, [message.id])).toEqual([
      { kind: 'email_bounced' },
    ]);
    // The plan moves on: the bounced contact is "not delivered, next channel", and no e-mail is planned to that address any more.
    type PlanContact = { key: string; channel: string; status: string; state: string; stateReason: string; purposes: string[] };
    const plan = await eventually(
      async () => {
        const answer = await landlord.get<{ contacts: PlanContact[] }>(`/v1/households/${householdId}/plan`);
        const bounced = answer.body.contacts?.find((c) => c.key === message.planned_contact_key);
        return bounced?.state === 'failed' && !answer.body.contacts.some((c) => c.channel === 'email' && c.status === 'planned')
          ? answer.body.contacts
          : undefined;
      },
      30_000,
      'the plan to move on from e-mail',
    );
    expect(plan.find((c) => c.key === message.planned_contact_key)!.stateReason).toMatch(/canal suivant/);
    // What was to go by e-mail later (the SOS Loyers Impayés information) goes by another channel.
    const sos = plan.filter((c) => c.status === 'planned' && c.purposes.includes('informationSosLoyersImpayes'));
    expect(sos.length).toBeGreaterThan(0);
    expect(sos.map((c) => c.channel)).not.toContain('email');

    // A forged report changes nothing.
    const forged = await fetch(`${stack.baseUrl}/v1/webhooks/email/bounces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-unisson-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      body: JSON.stringify({ envelopeTo: `rebonds+${message.id}@unisson.local`, message: 'Content-Type: multipart/report' }),
    });
    expect(forged.status).toBe(403);
  });

  it('calls with a spoken message in the household’s language; pressing 1 asks for a call-back, once', async () => {
    const householdId = await alertFor('HS93-VE-6', 'Yilmaz', '18 rue Ambroise Croizat', { phone: '01 49 00 00 66' });
    // The spoken text from the template library (voice channel, Turkish), stored as messaging stores any message.
    const library = new TemplateLibrary(loadTemplateSources());
    const rendered = await library.render({
      templateKey: 'first_arrears_information',
      channel: 'voice',
      locale: 'tr',
      variant: DEFAULT_VARIANT,
      variables: {
        fullName: 'Ayşe Yilmaz',
        partnerName: 'Habitat Solidaire 93',
        partnerPhone: '+33148000001',
        debtAmount: 1200,
        monthsUnpaid: 2,
      },
    });
    // The person who answers presses 1 during the message.
    const scripted = await fetch(`${stack.sandbox.twilioUrl}/sandbox/keypresses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '+33149000066', digits: '1' }),
    });
    expect(scripted.status).toBe(200);
    const messageId = await storeMessage('bailleur-93', {
      idempotencyKey: 'e2e-voice-1',
      householdId,
      channel: 'voice',
      recipient: '+33149000066',
      templateKey: rendered.templateKey,
      templateVersion: rendered.templateVersion,
      locale: 'tr',
      body: rendered.text,
    });

    const call = await eventually(
      () => stack.sandbox.store.calls.find((c) => c.to === '+33149000066' && c.status === 'completed'),
      60_000,
      'the spoken message’s call to end',
    );
    expect(call.from).toBe(stack.config.twilio.fromNumber);
    expect(call.errors).toEqual([]);
    // What the household heard: the library's Turkish text, the menu in Turkish, then the thanks after pressing 1.
    expect(call.heard[0]).toBe(rendered.text);
    expect(call.heard[1]).toMatch(/1'e basın/);
    expect(call.digitsPressed).toEqual(['1']);
    expect(call.heard[call.heard.length - 1]).toMatch(/Teşekkürler/);
    expect(call.twiml).toContain('language="tr-TR"');

    const events = await eventually(
      async () => {
        const rows = await stack.db.query(`SELECT kind, source FROM response_event WHERE message_id = $1`, [messageId]);
        return rows.length ? rows : undefined;
      },
      10_000,
      'the call-back request',
    );
    expect(events).toEqual([{ kind: 'callback_requested', source: 'voice' }]);
    const [message] = await eventually(
      async () => {
        const rows = await stack.db.query(`SELECT status, provider_message_id FROM outbound_message WHERE id = $1`, [messageId]);
        return rows[0]?.status === 'delivered' ? rows : undefined;
      },
      10_000,
      'the spoken message delivered',
    );
    expect(message.provider_message_id).toBe(call.sid);
    expect(stack.sandbox.store.calls.filter((c) => c.to === '+33149000066')).toHaveLength(1);

    // The TwiML is only served to Twilio: an unsigned request is refused.
    const unsigned = await fetch(`${stack.baseUrl}/v1/voice/messages/${messageId}/twiml`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ CallSid: call.sid }).toString(),
    });
    expect(unsigned.status).toBe(403);
  });

  it('speaks the plan to a household a partner says reads with difficulty: a call in its language instead of the SMS', async () => {
    const posted = await landlord.post<{ submissionId: string }>('/v1/alerts', {
      partnerRef: 'HS93-VE-7',
      tenant: { lastName: 'Demir', firstName: 'Elif' },
      address: { street: '20 rue Ambroise Croizat', postalCode: '93200', city: 'Saint-Denis' },
      contacts: { phone: '06 44 55 66 77' },
      preferredLocale: 'tr',
      readsWithDifficulty: true,
      dependentChildren: 2,
      lease: { housingSector: 'social', monthlyRent: 600 },
      arrears: { amount: 1200, firstUnpaidOn: '2026-10-05' },
    });
    expect(posted.status).toBe(202);
    const refused = await landlord.post<{ issues?: Array<{ field: string }> }>('/v1/alerts', {
      partnerRef: 'HS93-VE-8',
      tenant: { lastName: 'Demir', firstName: 'Elif' },
      address: { street: '20 rue Ambroise Croizat', postalCode: '93200', city: 'Saint-Denis' },
      readsWithDifficulty: 'oui',
      dependentChildren: -1,
      lease: { housingSector: 'social', monthlyRent: 600 },
      arrears: { amount: 1200, firstUnpaidOn: '2026-10-05' },
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('readsWithDifficulty');
    expect(refused.text).toContain('dependentChildren');

    const call = await eventually(
      () => stack.sandbox.store.calls.find((c) => c.to === '+33644556677' && c.status === 'completed'),
      60_000,
      'the spoken message’s call to end',
    );
    // Said by Twilio from the TwiML the API served: the library's Turkish text, in a Turkish voice.
    expect(call.errors).toEqual([]);
    expect(call.twiml).toContain('<Say');
    expect(call.twiml).toContain('language="tr-TR"');
    expect(call.heard[0]).toMatch(/Elif Demir/);
    expect(call.heard[1]).toMatch(/1'e basın/);
    const [message] = await stack.db.query(
      `SELECT channel, locale, planned_contact_key, purpose FROM outbound_message WHERE provider_message_id = $1`,
      [call.sid],
    );
    expect(message).toMatchObject({ channel: 'voice', locale: 'tr', purpose: 'rappelImpaye' });
    expect(message.planned_contact_key).toMatch(/\.voice\.0$/);
    // The SMS it replaced is not sent; what the partner stated is kept on the household.
    expect(stack.sandbox.store.messages.filter((m) => m.to === '+33644556677')).toEqual([]);
    const [household] = await stack.db.query(
      `SELECT h.reads_with_difficulty, h.dependent_children FROM household h JOIN outbound_message m ON m.household_id = h.id WHERE m.provider_message_id = $1`,
      [call.sid],
    );
    expect(household).toEqual({ reads_with_difficulty: true, dependent_children: 2 });
  });

  it('bridges an agent to the household, the household seeing the partner’s number, every leg’s status recorded', async () => {
    const householdId = await alertFor('HS93-VE-5', 'Sow', '16 rue Ambroise Croizat', { phone: '06 33 44 55 66' });
    const platform = new TestClient(stack.baseUrl, stack.keys['departement-93']);

    const invalid = await platform.post<{ issues?: Array<{ field: string }> }>(`/v1/households/${householdId}/calls`, {
      agentPhone: 'abc',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('agentPhone');
    // Surcharged and foreign numbers are refused before anything is dialled.
    for (const [agentPhone, says] of [
      ['08 99 70 00 00', 'surtaxé'],
      ['+882 1300 0000', 'numéro français'],
      ['+1 900 555 0100', 'numéro français'],
    ]) {
      const refused = await platform.post<{ errors: Array<{ field: string; message: string }> }>(`/v1/households/${householdId}/calls`, {
        agentPhone,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'agentPhone', message: expect.stringContaining(says) }]);
    }
    const outsider = await new TestClient(stack.baseUrl, stack.keys['bailleur-93']).post(`/v1/households/${householdId}/calls`, {
      agentPhone: '01 48 95 00 00',
    });
    expect(outsider.status).toBe(403);

    const started = await platform.post<{ id: string; status: string; callerId: string }>(
      `/v1/households/${householdId}/calls`,
      { agentPhone: '01 48 95 00 00' },
      { 'idempotency-key': 'click-1' },
    );
    expect(started.status).toBe(201);
    expect(started.body.status).toBe('calling_agent');
    expect(started.text).not.toContain('+33633445566');
    const again = await platform.post<{ id: string }>(
      `/v1/households/${householdId}/calls`,
      { agentPhone: '01 48 95 00 00' },
      { 'idempotency-key': 'click-1' },
    );
    expect(again.body.id).toBe(started.body.id);

    const ended = await eventually(
      async () => {
        const view = await platform.get<{ status: string; householdCallStatus: string; events: Array<{ leg: string; status: string }> }>(
          `/v1/households/${householdId}/calls/${started.body.id}`,
        );
        return view.body.status === 'ended' ? view.body : undefined;
      },
      60_000,
      'the call to end',
    );
    expect(ended.householdCallStatus).toBe('completed');
    expect(ended.events.filter((e) => e.leg === 'household').map((e) => e.status)).toEqual([
      'initiated',
      'ringing',
      'in-progress',
      'completed',
    ]);
    expect(ended.events.filter((e) => e.leg === 'agent').map((e) => e.status)).toContain('in-progress');

    // At the provider: one call to the agent, one child call to the household from the partner's number.
    const agentLeg = stack.sandbox.store.calls.find((c) => c.to === '+33148950000')!;
    const householdLeg = stack.sandbox.store.calls.find((c) => c.parentCallSid === agentLeg.sid)!;
    expect(householdLeg).toMatchObject({ to: '+33633445566', from: started.body.callerId, direction: 'outbound-dial' });
    expect(stack.sandbox.store.calls.filter((c) => c.to === '+33148950000')).toHaveLength(1);
    // Every callback was signed: a forged one is refused and records nothing.
    const forged = await fetch(`${stack.baseUrl}/v1/webhooks/twilio/call-status?clickToCallId=${started.body.id}&leg=household`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams({ CallSid: householdLeg.sid, CallStatus: 'busy' }).toString(),
    });
    expect(forged.status).toBe(403);
  });
});
