import { randomUUID } from 'node:crypto';
import { ResponseLinks, ResponseLinksRepository } from '@unisson/response-page';
import { enqueueDispatch } from '../support/dispatch-workload';
import { eventually } from '../support/free-port';
import { householdOfAlert, TestClient } from '../support/http-client';
import { startUnissonStack, UnissonStack } from '../support/unisson-stack';

jest.setTimeout(180_000);

/**
 * Decision 0031 over HTTP: the household asks to be called back on its response page; a call
 * task of the Département's team is due in the slot it chose, its plan shows it in French and
 * the planned call is replaced rather than dropped; a double submit is one task, a new slot moves it.
 */
describe('a call-back asked on the response page becomes the call task it promises', () => {
  let stack: UnissonStack;
  let landlord: TestClient;
  let householdId: string;

  type TaskRow = {
    id: string;
    state: string;
    channel: string;
    callback_slot: string;
    not_before: Date;
    time_zone: string;
    team_id: string;
  };
  const callbackTasks = async () =>
    (await stack.db.query(
      `SELECT id, state, channel, callback_slot, not_before, time_zone, team_id FROM task WHERE household_id = $1 AND callback_slot IS NOT NULL`,
      [householdId],
    )) as TaskRow[];

  beforeAll(async () => {
    stack = await startUnissonStack('e2e_callback_request');
    landlord = new TestClient(stack.baseUrl, stack.keys['bailleur-93']);
    householdId = await householdOfAlert(
      landlord,
      {
        partnerRef: 'HS93-RAPPEL-1',
        tenant: { lastName: 'Benali', firstName: 'Yasmina' },
        address: { street: '12 rue de la République', postalCode: '93200', city: 'Saint-Denis' },
        contacts: { phone: '06 11 22 33 44' },
        lease: { housingSector: 'social', monthlyRent: 610 },
        arrears: { amount: 1220, firstUnpaidOn: '2026-10-05' },
      },
      60_000,
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('page POST → one call task in the slot chosen; the plan shows it; a double submit is one task; a new slot moves it', async () => {
    const links = new ResponseLinks(new ResponseLinksRepository(stack.db), stack.config);
    const issued = await links.issue({ householdId, purpose: 'premierImpaye', locale: 'fr' });
    const html = await (await fetch(issued.url)).text();
    // Only the slots of the playbook's call hours are offered.
    const offered = [...html.matchAll(/name="creneau" value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(['soonest', '10:00-13:00', '14:00-20:00']);
    expect(html).not.toMatch(/samedi|9 h – 12 h/i);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
    const ask = (creneau: string) =>
      fetch(`${issued.url}/rappel`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ _csrf: csrf, creneau, affichage: 'fr' }).toString(),
        redirect: 'manual',
      });

    // The old Saturday slot is refused, naming the field.
    const saturday = await ask('saturday_morning');
    expect(saturday.status).toBe(400);
    expect(saturday.headers.get('x-invalid-field')).toBe('creneau');
    expect(await callbackTasks()).toHaveLength(0);

    const [first, second] = [await ask('14:00-20:00'), await ask('14:00-20:00')];
    expect([first.status, second.status]).toEqual([303, 303]);
    const done = await (await fetch(new URL(first.headers.get('location')!, issued.url))).text();
    expect(done).toContain('Du lundi au vendredi, de 14 h à 20 h');

    const tasks = await callbackTasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ state: 'pending', channel: 'call', callback_slot: '14:00-20:00', time_zone: 'Europe/Paris' });
    // Due inside the slot, in the household's zone: a weekday, from 14:00 Paris time.
    const due = new Date(tasks[0].not_before);
    const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', minute: '2-digit' });
    const [weekday, time] = paris.format(due).split(' ');
    expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(weekday.replace(',', ''));
    expect(time >= '14:00' && time < '20:00').toBe(true);
    // The Département's team works it (its worklist, its API).
    const platform = new TestClient(stack.baseUrl, stack.keys['departement-93']);
    const teams = await platform.get<Array<{ id: string }>>('/v1/task-teams');
    expect(teams.body.map((t) => t.id)).toContain(tasks[0].team_id);

    type Contact = { key: string; channel: string; state: string; stateReason: string; reasons: string[]; onlyIfNoResponse: boolean };
    const plan = await eventually(
      async () => {
        const shown = await landlord.get<{ contacts: Contact[] }>(`/v1/households/${householdId}/plan`);
        return shown.status === 200 ? shown.body : undefined;
      },
      30_000,
      'the plan',
    );
    const callback = plan.contacts.find((c) => c.key === `callback:${tasks[0].id}`);
    expect(callback).toMatchObject({ channel: 'call', state: 'sent' });
    expect(callback!.reasons[0]).toMatch(/^Rappel demandé par le ménage \(créneau de 14:00 à 20:00 : .+14:00–20:00 \(heure de Paris\)\)$/);
    // A planned call "only if no response" is not dropped as useless: the call-back replaces it.
    for (const call of plan.contacts.filter((c) => c.channel === 'call' && c.onlyIfNoResponse && c.state === 'cancelled'))
      expect(call.stateReason).toMatch(/^Remplacé par le rappel demandé par le ménage/);

    // Another slot moves the open task; it stays one task.
    expect((await ask('10:00-13:00')).status).toBe(303);
    const moved = await callbackTasks();
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ id: tasks[0].id, callback_slot: '10:00-13:00' });
    const [, movedTime] = paris.format(new Date(moved[0].not_before)).split(' ');
    expect(movedTime >= '10:00' && movedTime < '13:00').toBe(true);
  });

  it('an objection to calls takes the household’s call tasks off the worklist at once; a visit stays; a call-back asked afterwards is kept', async () => {
    const platform = new TestClient(stack.baseUrl, stack.keys['departement-93']);
    const [team] = (await platform.get<Array<{ id: string }>>('/v1/task-teams')).body;
    // A planned call and a home visit handed to the team, as the worker dispatches them.
    const dispatch = async (channel: 'call' | 'homeVisit') => {
      const id = randomUUID();
      await stack.db.query(
        `INSERT INTO outbound_message (id, idempotency_key, household_id, signing_partner_ids, channel, purpose, template_key, template_version, locale, recipient, body, not_before)
         VALUES ($1, $2, $3, $4, $5, 'rappelImpaye', 'first_arrears_information', 'v1', 'fr', '+33611223344', 'Bonjour, je m’appelle…', now())`,
        [id, `e2e:${channel}:${id}`, householdId, [randomUUID()], channel],
      );
      await enqueueDispatch(stack.config.redis.url, stack.config.redis.queuePrefix, [id]);
      return eventually(
        async () => {
          const [m] = await stack.db.query(`SELECT status, provider_message_id FROM outbound_message WHERE id = $1`, [id]);
          return m.status === 'sent' ? (m.provider_message_id as string) : undefined;
        },
        30_000,
        `the ${channel} message to become a task`,
      );
    };
    const [plannedCall, visit] = [await dispatch('call'), await dispatch('homeVisit')];
    // Both due now, whatever the hour the test runs at (visits wait for the visit hours).
    await stack.db.query(`UPDATE task SET not_before = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [[plannedCall, visit]]);
    const [callback] = await callbackTasks();
    type Row = { id: string; state: string; channel: string; cancel_reason: string | null };
    const tasksOfHousehold = async () =>
      (await stack.db.query(`SELECT id, state, channel, cancel_reason FROM task WHERE household_id = $1 ORDER BY created_at`, [
        householdId,
      ])) as Row[];
    const byId = async (id: string) => (await tasksOfHousehold()).find((t) => t.id === id)!;
    expect((await byId(plannedCall)).state).toBe('pending');
    expect((await byId(callback.id)).state).toBe('pending');

    const answer = await landlord.post<{ recorded: string }>(`/v1/households/${householdId}/opt-outs`, { channel: 'call' });
    expect(answer.status).toBe(200);
    expect(answer.body.recorded).toBe('new');
    // At once, not at the next sweep: both call tasks are cancelled with a reason a caller understands.
    const reason = 'Annulée : le ménage s’est opposé aux appels, ne l’appelez pas.';
    expect(await byId(plannedCall)).toMatchObject({ state: 'cancelled', cancel_reason: reason });
    expect(await byId(callback.id)).toMatchObject({ state: 'cancelled', cancel_reason: reason });
    // A home visit is not a call.
    expect(await byId(visit)).toMatchObject({ state: 'pending', cancel_reason: null });
    // No claim hands out a call of this household: named, it is refused; the next due task is the visit.
    const named = await platform.post<{ code: string }>(`/v1/task-teams/${team.id}/claims`, { taskId: plannedCall });
    expect(named.status).toBe(409);
    const next = await platform.post<{ id: string; channel: string }>(`/v1/task-teams/${team.id}/claims`, {});
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ id: visit, channel: 'homeVisit' });
    expect((await platform.post(`/v1/tasks/${visit}/release`, {})).status).toBeLessThan(300);

    // A call task still open when the objection arrives by another way (recorded between the
    // re-check and a claim): the claim checks again, cancels it and hands nothing out.
    const [late] = (await stack.db.query(
      `INSERT INTO task (household_id, team_id, channel, purpose, stage, territory, time_zone, locale, recipient, script, template_key, template_version, only_if_no_response, routing_rule, routing_reason, not_before, message_idempotency_key)
       SELECT household_id, team_id, channel, purpose, stage, territory, time_zone, locale, recipient, script, template_key, template_version, only_if_no_response, routing_rule, routing_reason, now() - interval '1 minute', 'e2e:late-call'
       FROM task WHERE id = $1 RETURNING id`,
      [plannedCall],
    )) as Array<{ id: string }>;
    const refused = await platform.post<{ code: string; message: string }>(`/v1/task-teams/${team.id}/claims`, { taskId: late.id });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'TASK_NO_LONGER_NEEDED' });
    expect(refused.body.message).toContain('opposé aux appels');
    expect(await byId(late.id)).toMatchObject({ state: 'cancelled', cancel_reason: reason });

    // The household then asks to be called back on its page: its explicit request wins over the earlier objection.
    const links = new ResponseLinks(new ResponseLinksRepository(stack.db), stack.config);
    const issued = await links.issue({ householdId, purpose: 'premierImpaye', locale: 'fr' });
    const html = await (await fetch(issued.url)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
    const asked = await fetch(`${issued.url}/rappel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ _csrf: csrf, creneau: 'soonest', affichage: 'fr' }).toString(),
      redirect: 'manual',
    });
    expect(asked.status).toBe(303);
    const open = (await callbackTasks()).filter((t) => t.state === 'pending');
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(callback.id);
    // Due now (for the test): a caller gets it, with the household's phone.
    await stack.db.query(`UPDATE task SET not_before = now() - interval '1 minute' WHERE id = $1`, [open[0].id]);
    const taken = await platform.post<{ id: string; recipient: string | null }>(`/v1/task-teams/${team.id}/claims`, { taskId: open[0].id });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ id: open[0].id, recipient: '+33611223344' });
  });
});
