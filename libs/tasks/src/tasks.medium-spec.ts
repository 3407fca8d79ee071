import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ChannelError, OutboundDelivery } from '@unisson/channels';
import {
  COORDINATION_QUEUE,
  CoordinationRepository,
  CoordinationService,
  HouseholdSnapshotRepository,
  PlanExecutor,
  phoneNumberKey,
  PlaybookCatalog,
  RecordingContactHandOff,
} from '@unisson/coordination';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { HouseholdCaseReader, HouseholdsRepository } from '@unisson/households';
import { PartnerDirectoryReader, PartnersRepository } from '@unisson/partners';
import { ResponseRecorder } from '@unisson/responses';
import { createIsolatedDatabase, IsolatedDatabase } from '../../../test/support/isolated-database';
import { TaskSweep } from './jobs/task-sweep';
import { CallTaskSender } from './task-senders';
import { TaskCreation } from './task-creation';
import { TaskWork } from './task-work';
import { TasksRepository, TeamRow } from './tasks.repository';

let database: IsolatedDatabase;
let dataSource: DataSource;
let queue: Queue;
let tasks: TasksRepository;
let sender: CallTaskSender;
let work: TaskWork;
let coordination: CoordinationService;
let team: TeamRow;
// A Monday at 10:30 in Paris: inside the playbook's call hours.
const NOW = new Date('2026-12-07T09:30:00Z');
const clock = { now: () => NOW.getTime() };

async function household(territory = '93', phone = '+33612345678'): Promise<string> {
  const id = randomUUID();
  await dataSource.query(`INSERT INTO household (id, territory) VALUES ($1, $2)`, [id, territory]);
  const procedure = randomUUID();
  await dataSource.query(
    `INSERT INTO procedure (id, household_id, landlord_partner_id, stage, housing_sector, lease_signed_on, debt_cents, first_unpaid_on)
     VALUES ($1, $2, $3, 'commandement_de_payer', 'social', '2024-01-15', 350000, '2026-08-05')`,
    [procedure, id, randomUUID()],
  );
  await dataSource.query(
    `INSERT INTO stage_event (procedure_id, type, occurred_on, reported_by_partner_id, submission_id) VALUES ($1, 'commandement_de_payer', '2026-11-02', $2, $3)`,
    [procedure, randomUUID(), randomUUID()],
  );
  await dataSource.query(
    `INSERT INTO partner_record (partner_id, partner_ref, household_id, last_name, first_name, street, postal_code, city, phone)
     VALUES ($1, $2, $3, 'Martin', 'Awa', '1 rue de la Paix', '93200', 'Saint-Denis', $4)`,
    [randomUUID(), `ref-${id}`, id, phone],
  );
  return id;
}

function delivery(householdId: string, over: Partial<OutboundDelivery> = {}): OutboundDelivery {
  const messageId = randomUUID();
  return {
    messageId,
    idempotencyKey: `contact:${messageId}`,
    plannedContactKey: null,
    channel: 'call',
    householdId,
    purpose: 'offreServiceSocialCommandement',
    locale: 'fr',
    recipient: '+33612345678',
    subject: null,
    body: 'Ouverture\nBonjour, je m’appelle [votre prénom]…',
    bodyHtml: null,
    templateKey: 'social_worker_appointment_offer',
    templateVersion: 'v1',
    variant: 'default',
    signingPartnerIds: [randomUUID()],
    ...over,
  };
}

async function newTask(territory = '93') {
  const h = await household(territory);
  const receipt = await sender.send(delivery(h));
  return (await tasks.findById(receipt.providerMessageId))!;
}

beforeAll(async () => {
  database = await createIsolatedDatabase('tasks');
  dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 12 }));
  await dataSource.initialize();
  queue = new Queue(COORDINATION_QUEUE, {
    connection: { host: '127.0.0.1', port: 6379 },
    prefix: `test:tasks:${randomBytes(4).toString('hex')}`,
  });
  const catalog = PlaybookCatalog.load();
  const repository = new CoordinationRepository(dataSource);
  coordination = new CoordinationService(
    repository,
    new HouseholdSnapshotRepository(dataSource, new HouseholdCaseReader(dataSource), new PartnerDirectoryReader(dataSource)),
    new PlanExecutor(repository, queue, new RecordingContactHandOff()),
    catalog,
    clock,
  );
  tasks = new TasksRepository(dataSource);
  const creation = new TaskCreation(tasks, new HouseholdsRepository(dataSource), new PartnersRepository(dataSource), repository, catalog);
  sender = new CallTaskSender(creation, tasks);
  work = new TaskWork(tasks, catalog, coordination, new ResponseRecorder(dataSource, coordination));
  const [partner]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO partner (slug, name, kind, territory, territories) VALUES ('cd93', 'Département de la Seine-Saint-Denis', 'departement', '93', '{93}') RETURNING id`,
  );
  team = await tasks.insertTeam({
    partnerId: partner.id,
    name: 'Plateforme d’appels 93',
    territories: ['93'],
    channels: ['call', 'homeVisit'],
  });
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await dataSource?.destroy();
  await database?.drop();
});

describe('call tasks on PostgreSQL', () => {
  it('creates one task per message however often it is sent, routed by the playbook to the Département’s team', async () => {
    const h = await household();
    const d = delivery(h);
    const [a, b] = await Promise.all([sender.send(d), sender.send(d)]);
    expect(a.providerMessageId).toBe(b.providerMessageId);
    expect(await sender.lookup(d)).toMatchObject({ kind: 'accepted', receipt: { providerMessageId: a.providerMessageId } });
    const task = (await tasks.findById(a.providerMessageId))!;
    expect(task).toMatchObject({ teamId: team.id, state: 'pending', routingRule: 'departementAutresFoyers', timeZone: 'Europe/Paris' });
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM task WHERE message_idempotency_key = $1`, [d.idempotencyKey]);
    expect(n).toBe(1);
  });

  it('gives a benefit household with children to the CAF’s social workers, every other household to the Département', async () => {
    const [caf]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO partner (slug, name, kind, territory, territories) VALUES ('caf93', 'CAF de la Seine-Saint-Denis', 'caf', '93', '{93}') RETURNING id`,
    );
    const cafTeam = await tasks.insertTeam({
      partnerId: caf.id,
      name: 'Travailleurs sociaux CAF 93',
      territories: ['93'],
      channels: ['call'],
    });
    const households = new HouseholdsRepository(dataSource);
    const routed = async (stated: { dependentChildren?: number }, cafNumber: string | null) => {
      const h = await household();
      if (cafNumber) await dataSource.query(`UPDATE partner_record SET caf_number = $2 WHERE household_id = $1`, [h, cafNumber]);
      await households.recordStatedFacts(dataSource.manager, h, stated);
      const task = (await tasks.findById((await sender.send(delivery(h))).providerMessageId))!;
      await dataSource.query(`UPDATE task SET state = 'cancelled' WHERE id = $1`, [task.id]);
      return { teamId: task.teamId, rule: task.routingRule };
    };
    expect(await routed({ dependentChildren: 2 }, '1234567')).toEqual({ teamId: cafTeam.id, rule: 'cafAllocatairesAvecEnfants' });
    // Without children, without housing benefit, or when nobody said: the Département's platform.
    expect(await routed({ dependentChildren: 0 }, '1234568')).toEqual({ teamId: team.id, rule: 'departementAutresFoyers' });
    expect(await routed({ dependentChildren: 3 }, null)).toEqual({ teamId: team.id, rule: 'departementAutresFoyers' });
    expect(await routed({}, '1234569')).toEqual({ teamId: team.id, rule: 'departementAutresFoyers' });
    await dataSource.query(`UPDATE task_team SET disabled_at = now() WHERE id = $1`, [cafTeam.id]);
  });

  it('refuses a call where no team works (the plan moves to its next channel), never CHANNEL_NOT_AVAILABLE', async () => {
    const h = await household('38');
    const error = await sender.send(delivery(h)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ code: 'NO_TEAM', retryable: false });
  });

  it('never gives one task to two callers claiming at once, and caps the households one caller holds', async () => {
    const created = await Promise.all(Array.from({ length: 8 }, () => newTask()));
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        tasks.claim({ teamId: team.id, agent: `account:c${i}`, now: NOW, reservationMs: 900_000, cap: 5 }),
      ),
    );
    const ids = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(Math.min(8, created.length));
    // One caller, cap 2: the third household is refused with a message saying what to do.
    const small = { ...team };
    await dataSource.query(`UPDATE task SET state = 'pending', agent = NULL, reserved_until = NULL WHERE team_id = $1`, [team.id]);
    const agent = 'account:solo';
    const first = await tasks.claim({ teamId: small.id, agent, now: NOW, reservationMs: 900_000, cap: 2 });
    const second = await tasks.claim({ teamId: small.id, agent, now: NOW, reservationMs: 900_000, cap: 2 });
    const third = await tasks.claim({ teamId: small.id, agent, now: NOW, reservationMs: 900_000, cap: 2 });
    expect(first && second).toBeTruthy();
    expect(third).toBeNull();
    expect(await tasks.heldHouseholds(agent, NOW)).toBe(2);
    await dataSource.query(`UPDATE task SET state = 'cancelled', agent = NULL WHERE team_id = $1`, [team.id]);
  });

  it('hands a reservation back when it times out: another caller gets it, the sweep writes it back', async () => {
    const task = await newTask();
    const claimed = await work.claim(team, 'account:a', task.id, NOW);
    expect(claimed).toMatchObject({ id: task.id, state: 'reserved', agent: 'account:a' });
    await expect(work.claim(team, 'account:b', task.id, NOW)).rejects.toMatchObject({ code: 'TASK_NOT_CLAIMABLE' });
    const later = new Date(NOW.getTime() + 16 * 60_000);
    const again = await work.claim(team, 'account:b', task.id, later);
    expect(again.agent).toBe('account:b');
    await expect(work.start(task.id, 'account:a', later)).rejects.toMatchObject({ statusCode: 409 });
    await dataSource.query(`UPDATE task SET reserved_until = $2 WHERE id = $1`, [task.id, NOW]);
    const sweep = new TaskSweep(tasks, work);
    expect(await sweep.reconcile(later)).toBeGreaterThanOrEqual(1);
    expect((await tasks.findById(task.id))!).toMatchObject({ state: 'pending', agent: null });
    await dataSource.query(`UPDATE task SET state = 'cancelled' WHERE id = $1`, [task.id]);
  });

  it('records each outcome as a response event once, retries an unanswered call the next day, and stops after 4 attempts in 30 days', async () => {
    const task = await newTask();
    let at = NOW;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await work.claim(team, 'account:a', task.id, at);
      await work.recordOutcome(task.id, 'account:a', { outcome: 'no_answer' }, at);
      const closed = await work.complete(task.id, 'account:a', at);
      if (attempt < 4) {
        expect(closed.state).toBe('pending');
        expect(new Date(closed.notBefore).getTime()).toBeGreaterThan(at.getTime() + 12 * 3_600_000);
        at = new Date(closed.notBefore);
      } else {
        expect(closed).toMatchObject({ state: 'completed', unreachable: true });
      }
    }
    const events: Array<{ kind: string; source: string }> = await dataSource.query(
      `SELECT kind, source FROM response_event WHERE household_id = $1 ORDER BY occurred_at`,
      [task.householdId],
    );
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.kind === 'call_no_answer' && e.source === 'call_task')).toBe(true);
    await work.applyEffects(task.id);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM response_event WHERE household_id = $1`, [task.householdId]);
    expect(n).toBe(4);
  });

  it('refuses a visit’s outcome on a call in French, listing the outcomes of a call', async () => {
    const task = await newTask();
    await work.claim(team, 'account:a', task.id, NOW);
    await expect(work.recordOutcome(task.id, 'account:a', { outcome: 'met' }, NOW)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        {
          field: 'outcome',
          message:
            'n’est pas un résultat d’appel : envoyez l’un de reached, no_answer, voicemail, wrong_number, callback_requested, refused',
        },
      ],
    });
  });

  it('a refusal pauses the household’s other tasks for 60 days and tells the engine through the planned contact', async () => {
    const h = await household();
    const plan = await coordination.postIntents(h, [
      {
        partnerId: team.partnerId,
        partnerKind: 'departement',
        stage: 'commandement_de_payer',
        purpose: 'offreServiceSocialCommandement',
        legal: false,
        deadlineOn: null,
        callbackPhone: '+33143930000',
        idempotencyKey: `${h}-offre`,
      },
    ]);
    const contactKey = plan!.contacts[0].key;
    await dataSource.query(`UPDATE planned_contact SET status = 'handedOff', handed_off_at = now() WHERE contact_key = $1`, [contactKey]);
    const one = await tasks.findById((await sender.send(delivery(h, { plannedContactKey: contactKey }))).providerMessageId);
    const other = await tasks.findById((await sender.send(delivery(h))).providerMessageId);
    await work.claim(team, 'account:a', one!.id, NOW);
    await work.recordOutcome(one!.id, 'account:a', { outcome: 'refused', note: 'ne souhaite pas être appelée' }, NOW);
    // The caller's note and the task's phone are sealed at rest (decision 0020), yet read back whole.
    const [stored] = await dataSource.query(
      `SELECT a.note, t.recipient FROM task_attempt a JOIN task t ON t.id = a.task_id WHERE a.task_id = $1`,
      [one!.id],
    );
    expect(JSON.stringify(stored)).not.toMatch(/souhaite|612345678/);
    expect((await tasks.attemptsOf(one!.id))[0].note).toBe('ne souhaite pas être appelée');
    expect((await work.complete(one!.id, 'account:a', NOW)).state).toBe('completed');
    const held = (await tasks.findById(other!.id))!;
    expect(new Date(held.notBefore).getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 60 * 86_400_000 - 1000);
    await expect(work.claim(team, 'account:b', other!.id, NOW)).rejects.toMatchObject({ code: 'TASK_NOT_CLAIMABLE' });
    const [contact] = await dataSource.query(`SELECT outcome FROM planned_contact WHERE contact_key = $1`, [contactKey]);
    expect(contact.outcome).toBe('refused');
  });

  it('a wrong number is marked invalid for every partner: no SMS or call is planned to it, the plan moves to the next channel', async () => {
    const h = await household('93', '+33611223344');
    const plan = await coordination.postIntents(h, [
      {
        partnerId: team.partnerId,
        partnerKind: 'departement',
        stage: 'commandement_de_payer',
        purpose: 'offreServiceSocialCommandement',
        legal: false,
        deadlineOn: null,
        callbackPhone: '+33143930000',
        idempotencyKey: `${h}-offre-wrong-number`,
      },
    ]);
    const planned = (p: typeof plan) => p!.contacts.map((c) => c.channel).sort();
    expect(planned(plan)).toEqual(['letter', 'sms']);
    const letterKey = plan!.contacts.find((c) => c.channel === 'letter')!.key;
    await dataSource.query(`UPDATE planned_contact SET status = 'handedOff', handed_off_at = now() WHERE contact_key = $1`, [letterKey]);
    const task = await tasks.findById(
      (await sender.send(delivery(h, { plannedContactKey: letterKey, recipient: '+33611223344' }))).providerMessageId,
    );
    // Another call to the same number, created before anyone found it wrong.
    const other = (await tasks.findById((await sender.send(delivery(h, { recipient: '+33611223344' }))).providerMessageId))!;
    await work.claim(team, 'account:a', task!.id, NOW);
    await work.recordOutcome(task!.id, 'account:a', { outcome: 'wrong_number' }, NOW);
    expect((await tasks.findById(task!.id))!.effectsAppliedAt).not.toBeNull();
    // Kept as a keyed index, never the number itself.
    const marks: Array<{ number_key: string; contact_key: string }> = await dataSource.query(
      `SELECT number_key, contact_key FROM invalid_phone_number WHERE household_id = $1`,
      [h],
    );
    expect(marks).toEqual([{ number_key: phoneNumberKey('+33611223344'), contact_key: letterKey }]);
    expect(JSON.stringify(marks)).not.toContain('611223344');
    // The re-plan that followed the response: no SMS to that number any more, for any partner.
    const after = await coordination.replan(h);
    expect(planned(after)).toEqual([]);
    expect(after!.trace.map((t) => t.message).join(' ')).toMatch(/Pas de coordonnée pour le canal SMS/);
    await work.applyEffects(task!.id);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM invalid_phone_number WHERE household_id = $1`, [h])).toEqual([{ n: 1 }]);
    // Another partner knows another number: that one is texted.
    await dataSource.query(
      `INSERT INTO partner_record (partner_id, partner_ref, household_id, last_name, first_name, street, postal_code, city, phone)
       VALUES ($1, $2, $3, 'Martin', 'Awa', '1 rue de la Paix', '93200', 'Saint-Denis', '+33655667788')`,
      [randomUUID(), `ref2-${h}`, h],
    );
    expect(planned(await coordination.replan(h))).toEqual(['sms']);
    // Nobody is sent to ring the wrong number again: the other call is cancelled with the reason.
    await expect(work.claim(team, 'account:b', other.id, NOW)).rejects.toMatchObject({ code: 'TASK_NO_LONGER_NEEDED' });
    expect((await tasks.findById(other.id))!).toMatchObject({
      state: 'cancelled',
      cancelReason: 'Annulée : ce numéro a été signalé comme un mauvais numéro.',
    });
  });

  it('cancels, at the claim, a task the plan no longer needs (the debt was cleared) and gives the caller the next one', async () => {
    const stale = await newTask();
    await dataSource.query(`UPDATE task SET not_before = '2026-11-01T09:00:00Z' WHERE id = $1`, [stale.id]);
    await coordination.recordEvent(stale.householdId, { type: 'debtCleared', at: new Date(NOW.getTime() + 1000).toISOString() });
    const fresh = await newTask();
    const claimed = await work.claim(team, 'account:z', null, new Date(NOW.getTime() + 2000));
    expect(claimed.id).toBe(fresh.id);
    expect((await tasks.findById(stale.id))!).toMatchObject({ state: 'cancelled', cancelReason: 'Annulée : la dette est soldée.' });
  });
});
