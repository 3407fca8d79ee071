/**
 * The task tables, in SQL: claims take one task with `FOR UPDATE SKIP LOCKED` (concurrent
 * callers never wait on each other nor get the same task); a reservation past its time counts
 * as pending in every query, and the sweep writes it back (no job in Redis holds it).
 */
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TaskChannel } from './domain/task-channel';
import type { TaskState } from './domain/task-life';
import type { PastAttempt } from './domain/attempts';
import type { TaskOutcome } from './domain/outcomes';
import { openNullable, openValue, sealNullable, sealValue } from '@unisson/crypto';

export interface TaskRow {
  id: string;
  messageIdempotencyKey: string;
  /** Null for a call-back the household asked for (no message carries it). */
  messageId: string | null;
  plannedContactKey: string | null;
  householdId: string;
  teamId: string;
  channel: TaskChannel;
  purpose: string;
  stage: string | null;
  territory: string;
  timeZone: string;
  locale: string;
  recipient: string;
  script: string;
  templateKey: string;
  leadPartnerId: string | null;
  onlyIfNoResponse: boolean;
  routingRule: string;
  routingReason: string;
  state: TaskState;
  agent: string | null;
  reservedUntil: Date | null;
  notBefore: Date;
  deadline: Date | null;
  attempts: number;
  lastOutcome: TaskOutcome | null;
  lastOutcomeAt: Date | null;
  nextAttemptAt: Date | null;
  unreachable: boolean;
  effectsAppliedAt: Date | null;
  cancelReason: string | null;
  /** The slot of a call-back the household asked for (decision 0031); null for planned calls and visits. */
  callbackSlot: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export type NewTask = Pick<
  TaskRow,
  | 'messageIdempotencyKey'
  | 'messageId'
  | 'plannedContactKey'
  | 'householdId'
  | 'teamId'
  | 'channel'
  | 'purpose'
  | 'stage'
  | 'territory'
  | 'timeZone'
  | 'locale'
  | 'recipient'
  | 'script'
  | 'templateKey'
  | 'leadPartnerId'
  | 'onlyIfNoResponse'
  | 'routingRule'
  | 'routingReason'
  | 'notBefore'
  | 'deadline'
> & { templateVersion: string };

export interface TeamRow {
  id: string;
  partnerId: string;
  name: string;
  territories: string[];
  channels: TaskChannel[];
}

/** A worklist line: what the team sees of a task before taking it (no phone, address or script). */
export interface WorklistRow {
  id: string;
  channel: TaskChannel;
  purpose: string;
  stage: string | null;
  territory: string;
  timeZone: string;
  state: TaskState;
  agent: string | null;
  reservedUntil: Date | null;
  notBefore: Date;
  deadline: Date | null;
  attempts: number;
  lastOutcome: string | null;
}

const OPEN = `('pending', 'reserved', 'assigned', 'wrap_up')`;
/** A reservation past its time is pending, in every query. */
const CLAIMABLE = `(t.state = 'pending' OR (t.state = 'reserved' AND t.reserved_until <= $NOW))`;

const COLUMNS: Record<keyof TaskRow, string> = {
  id: 'id',
  messageIdempotencyKey: 'message_idempotency_key',
  messageId: 'message_id',
  plannedContactKey: 'planned_contact_key',
  householdId: 'household_id',
  teamId: 'team_id',
  channel: 'channel',
  purpose: 'purpose',
  stage: 'stage',
  territory: 'territory',
  timeZone: 'time_zone',
  locale: 'locale',
  recipient: 'recipient',
  script: 'script',
  templateKey: 'template_key',
  leadPartnerId: 'lead_partner_id',
  onlyIfNoResponse: 'only_if_no_response',
  routingRule: 'routing_rule',
  routingReason: 'routing_reason',
  state: 'state',
  agent: 'agent',
  reservedUntil: 'reserved_until',
  notBefore: 'not_before',
  deadline: 'deadline',
  attempts: 'attempts',
  lastOutcome: 'last_outcome',
  lastOutcomeAt: 'last_outcome_at',
  nextAttemptAt: 'next_attempt_at',
  unreachable: 'unreachable',
  effectsAppliedAt: 'effects_applied_at',
  cancelReason: 'cancel_reason',
  callbackSlot: 'callback_slot',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  completedAt: 'completed_at',
};
const SELECT_TASK = Object.entries(COLUMNS)
  .map(([key, column]) => `t.${column} AS "${key}"`)
  .join(', ');

/** TypeORM returns `[rows, rowCount]` for UPDATE on Postgres. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** The phone or address and the script (which names the household) are sealed at rest (libs/crypto, decision 0020). */
const TASK_CONTEXT = { recipient: 'task.recipient', script: 'task.script', note: 'task_attempt.note' } as const;

function opened(row: TaskRow): TaskRow;
function opened(row: TaskRow | undefined): TaskRow | undefined;
function opened(row: TaskRow | undefined): TaskRow | undefined {
  return row && { ...row, recipient: openValue(row.recipient, TASK_CONTEXT.recipient), script: openValue(row.script, TASK_CONTEXT.script) };
}

@Injectable()
export class TasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findTeamsOfTerritory(territory: string): Promise<TeamRow[]> {
    return this.dataSource.query(
      `SELECT id, partner_id AS "partnerId", name, territories, channels FROM task_team
        WHERE $1 = ANY(territories) AND disabled_at IS NULL ORDER BY id`,
      [territory],
    );
  }

  /** The teams the household's call-back tasks went to. */
  async findTeamsOfHousehold(householdId: string): Promise<TeamRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT tt.id, tt.partner_id AS "partnerId", tt.name, tt.territories, tt.channels FROM task_team tt
         JOIN task t ON t.team_id = tt.id WHERE t.household_id = $1 AND t.callback_slot IS NOT NULL`,
      [householdId],
    );
  }

  async findTeam(id: string): Promise<TeamRow | null> {
    const rows: TeamRow[] = await this.dataSource.query(
      `SELECT id, partner_id AS "partnerId", name, territories, channels FROM task_team WHERE id = $1 AND disabled_at IS NULL`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findTeamsOfPartner(partnerId: string): Promise<TeamRow[]> {
    return this.dataSource.query(
      `SELECT id, partner_id AS "partnerId", name, territories, channels FROM task_team
        WHERE partner_id = $1 AND disabled_at IS NULL ORDER BY name, id`,
      [partnerId],
    );
  }

  async insertTeam(team: Omit<TeamRow, 'id'>): Promise<TeamRow> {
    const [row]: TeamRow[] = await this.dataSource.query(
      `INSERT INTO task_team (partner_id, name, territories, channels) VALUES ($1, $2, $3, $4)
       RETURNING id, partner_id AS "partnerId", name, territories, channels`,
      [team.partnerId, team.name, team.territories, team.channels],
    );
    return row;
  }

  async findByMessageKey(key: string): Promise<TaskRow | null> {
    const rows: TaskRow[] = await this.dataSource.query(`SELECT ${SELECT_TASK} FROM task t WHERE t.message_idempotency_key = $1`, [key]);
    return opened(rows[0]) ?? null;
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<TaskRow | null> {
    const rows: TaskRow[] = await manager.query(`SELECT ${SELECT_TASK} FROM task t WHERE t.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return opened(rows[0]) ?? null;
  }

  /** Creates the task of a message once: a second call with the same key returns the first task. */
  async insertOnce(task: NewTask & { callbackSlot?: string | null }): Promise<{ task: TaskRow; created: boolean }> {
    const values = [
      task.messageIdempotencyKey,
      task.messageId,
      task.plannedContactKey,
      task.householdId,
      task.teamId,
      task.channel,
      task.purpose,
      task.stage,
      task.territory,
      task.timeZone,
      task.locale,
      sealValue(task.recipient, TASK_CONTEXT.recipient),
      sealValue(task.script, TASK_CONTEXT.script),
      task.templateKey,
      task.templateVersion,
      task.leadPartnerId,
      task.onlyIfNoResponse,
      task.routingRule,
      task.routingReason,
      task.notBefore,
      task.deadline,
      task.callbackSlot ?? null,
    ];
    // A call-back conflicts on its message key or on the household's open call-back (uq_task_open_callback): nothing inserted.
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO task (message_idempotency_key, message_id, planned_contact_key, household_id, team_id, channel, purpose, stage,
         territory, time_zone, locale, recipient, script, template_key, template_version, lead_partner_id, only_if_no_response,
         routing_rule, routing_reason, not_before, deadline, callback_slot)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       ON CONFLICT DO NOTHING RETURNING id`,
      values,
    );
    const found = await this.findByMessageKey(task.messageIdempotencyKey);
    return { task: found!, created: inserted.length > 0 };
  }

  /** The household's open call-back task (at most one, uq_task_open_callback), locked when asked. */
  async findOpenCallback(householdId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<TaskRow | null> {
    const rows: TaskRow[] = await manager.query(
      `SELECT ${SELECT_TASK} FROM task t WHERE t.household_id = $1 AND t.callback_slot IS NOT NULL AND t.state IN ${OPEN}${lock ? ' FOR UPDATE' : ''}`,
      [householdId],
    );
    return opened(rows[0]) ?? null;
  }

  /** The household's call-back tasks, open or done, latest first (the plan shows them). */
  async findCallbacks(householdId: string, limit = 10): Promise<TaskRow[]> {
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT ${SELECT_TASK} FROM task t WHERE t.household_id = $1 AND t.callback_slot IS NOT NULL ORDER BY t.created_at DESC LIMIT $2`,
      [householdId, limit],
    );
    return rows.map((r) => opened(r));
  }

  /**
   * Reserves one claimable task of the team for the agent, in one statement: the earliest due
   * (or the one asked for), skipping rows another caller is locking, and only while the agent
   * holds fewer than `cap` households (a household already held does not count twice). An
   * advisory lock per agent keeps two claims of one agent from both passing the cap.
   */
  async claim(
    claim: { teamId: string; agent: string; now: Date; reservationMs: number; cap: number; taskId?: string; excludeIds?: string[] },
    manager?: EntityManager,
  ): Promise<TaskRow | null> {
    const run = async (m: EntityManager): Promise<TaskRow | null> => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`task-agent:${claim.agent}`]);
      const rows = rowsOf<TaskRow>(
        await m.query(
          `WITH held AS (
             SELECT DISTINCT household_id FROM task
              WHERE agent = $2 AND state IN ('reserved', 'assigned', 'wrap_up') AND NOT (state = 'reserved' AND reserved_until <= $3)
           ), candidate AS (
             SELECT t.id FROM task t
              WHERE t.team_id = $1 AND ${CLAIMABLE.replace(/\$NOW/g, '$3')} AND t.not_before <= $3
                AND ($6::uuid IS NULL OR t.id = $6::uuid)
                AND NOT (t.id = ANY($7::uuid[]))
                AND ((SELECT count(*) FROM held) < $5 OR t.household_id IN (SELECT household_id FROM held))
              ORDER BY t.not_before, t.created_at
              LIMIT 1
              FOR UPDATE SKIP LOCKED
           )
           UPDATE task t SET state = 'reserved', agent = $2, reserved_until = $3::timestamptz + ($4 || ' milliseconds')::interval, updated_at = now()
             FROM candidate WHERE t.id = candidate.id
           RETURNING ${SELECT_TASK}`,
          [claim.teamId, claim.agent, claim.now, String(claim.reservationMs), claim.cap, claim.taskId ?? null, claim.excludeIds ?? []],
        ),
      );
      return opened(rows[0]) ?? null;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** How many households the agent holds now. */
  async heldHouseholds(agent: string, now: Date): Promise<number> {
    const [row]: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(DISTINCT household_id) AS n FROM task
        WHERE agent = $1 AND state IN ('reserved', 'assigned', 'wrap_up') AND NOT (state = 'reserved' AND reserved_until <= $2)`,
      [agent, now],
    );
    return Number(row.n);
  }

  /** Writes a transition decided by the domain, only if the task is still as it was read (compare-and-set on updated_at). */
  async update(manager: EntityManager, id: string, changes: Partial<TaskRow>): Promise<TaskRow> {
    const entries = (Object.entries(changes) as Array<[keyof TaskRow, unknown]>).map(([key, value]): [keyof TaskRow, unknown] =>
      key === 'recipient' || key === 'script' ? [key, sealValue(String(value), TASK_CONTEXT[key])] : [key, value],
    );
    const sets = entries.map(([key], i) => `${COLUMNS[key]} = $${i + 2}`);
    const rows = rowsOf<TaskRow>(
      await manager.query(`UPDATE task t SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE t.id = $1 RETURNING ${SELECT_TASK}`, [
        id,
        ...entries.map(([, v]) => v),
      ]),
    );
    return opened(rows[0]);
  }

  async insertAttempt(
    manager: EntityManager,
    attempt: {
      taskId: string;
      householdId: string;
      channel: string;
      outcome: string;
      agent: string;
      note: string | null;
      callbackAt: Date | null;
      at: Date;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO task_attempt (task_id, household_id, channel, outcome, agent, note, callback_at, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        attempt.taskId,
        attempt.householdId,
        attempt.channel,
        attempt.outcome,
        attempt.agent,
        sealNullable(attempt.note, TASK_CONTEXT.note),
        attempt.callbackAt,
        attempt.at,
      ],
    );
  }

  /** The household's attempts on a channel since `since` (refusals on any channel count for the pause). */
  async pastAttempts(
    householdId: string,
    channel: string,
    since: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PastAttempt[]> {
    const rows: Array<{ at: Date; outcome: TaskOutcome }> = await manager.query(
      `SELECT at, outcome FROM task_attempt WHERE household_id = $1 AND at >= $3 AND (channel = $2 OR outcome = 'refused') ORDER BY at`,
      [householdId, channel, since],
    );
    return rows.map((r) => ({ at: new Date(r.at).getTime(), outcome: r.outcome }));
  }

  async attemptsOf(taskId: string): Promise<Array<{ outcome: string; at: Date; note: string | null; callbackAt: Date | null }>> {
    const rows: Array<{ outcome: string; at: Date; note: string | null; callbackAt: Date | null }> = await this.dataSource.query(
      `SELECT outcome, at, note, callback_at AS "callbackAt" FROM task_attempt WHERE task_id = $1 ORDER BY at DESC`,
      [taskId],
    );
    return rows.map((r) => ({ ...r, note: openNullable(r.note, TASK_CONTEXT.note) }));
  }

  /** Keeps the household's other open tasks from being worked before `until` (caps, refusal pause). */
  async holdHouseholdUntil(
    manager: EntityManager,
    householdId: string,
    exceptTaskId: string,
    until: Date,
    channel: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE task SET not_before = GREATEST(not_before, $3), updated_at = now()
        WHERE household_id = $1 AND id <> $2 AND state = 'pending' AND ($4::text IS NULL OR channel = $4)`,
      [householdId, exceptTaskId, until, channel],
    );
  }

  /** The team's open tasks, earliest due first, and how many there are by state. */
  async worklist(
    teamId: string,
    now: Date,
    limit: number,
    offset: number,
  ): Promise<{ rows: WorklistRow[]; counts: Record<string, number> }> {
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT id, channel, purpose, stage, territory, time_zone AS "timeZone",
                CASE WHEN state = 'reserved' AND reserved_until <= $2 THEN 'pending' ELSE state END AS state,
                CASE WHEN state = 'reserved' AND reserved_until <= $2 THEN NULL ELSE agent END AS agent,
                reserved_until AS "reservedUntil", not_before AS "notBefore", deadline, attempts, last_outcome AS "lastOutcome"
           FROM task WHERE team_id = $1 AND state IN ${OPEN}
          ORDER BY not_before, created_at LIMIT $3 OFFSET $4`,
        [teamId, now, limit, offset],
      ) as Promise<WorklistRow[]>,
      this.dataSource.query(
        `SELECT CASE WHEN state = 'reserved' AND reserved_until <= $2 THEN 'pending' ELSE state END AS state,
                count(*) FILTER (WHERE not_before <= $2) AS due, count(*) AS n
           FROM task WHERE team_id = $1 AND state IN ${OPEN} GROUP BY 1`,
        [teamId, now],
      ) as Promise<Array<{ state: string; due: string; n: string }>>,
    ]);
    const byState: Record<string, number> = { dueNow: 0 };
    for (const c of counts) {
      byState[c.state] = (byState[c.state] ?? 0) + Number(c.n);
      if (c.state === 'pending') byState.dueNow += Number(c.due);
    }
    return { rows, counts: byState };
  }

  /** The tasks an agent holds in a team (the worklist's "yours" part, with their script). */
  async heldBy(agent: string, teamId: string, now: Date): Promise<TaskRow[]> {
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT ${SELECT_TASK} FROM task t WHERE t.agent = $1 AND t.team_id = $2 AND t.state IN ('reserved', 'assigned', 'wrap_up')
          AND NOT (t.state = 'reserved' AND t.reserved_until <= $3) ORDER BY t.updated_at`,
      [agent, teamId, now],
    );
    return rows.map((r) => opened(r));
  }

  /** The sweep: reservations past their time are handed back (claims already treat them as pending). */
  async expireReservations(now: Date): Promise<number> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE task SET state = 'pending', agent = NULL, reserved_until = NULL, updated_at = now()
          WHERE state = 'reserved' AND reserved_until <= $1 RETURNING id`,
        [now],
      ),
    );
    return rows.length;
  }

  /** Tasks whose outcome's effects (response event, re-plan) are not recorded yet, oldest first. */
  async findEffectsPending(before: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM task WHERE last_outcome IS NOT NULL AND effects_applied_at IS NULL AND last_outcome_at <= $1 ORDER BY last_outcome_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Tasks left in wrap-up since before `before` (the caller left without closing them). */
  async findStaleWrapUps(before: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM task WHERE state = 'wrap_up' AND updated_at <= $1 ORDER BY updated_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Open tasks nobody holds, least recently checked first: the sweep asks if the plan still needs them. */
  async findToCheck(before: Date, limit: number): Promise<TaskRow[]> {
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT ${SELECT_TASK} FROM task t WHERE t.state = 'pending' AND t.checked_at <= $1 ORDER BY t.checked_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => opened(r));
  }

  /** The household's open tasks nobody is working yet (waiting, or reserved by a caller who has not started). */
  async findUnworkedOfHousehold(householdId: string): Promise<TaskRow[]> {
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT ${SELECT_TASK} FROM task t WHERE t.household_id = $1 AND t.state IN ('pending', 'reserved') ORDER BY t.created_at`,
      [householdId],
    );
    return rows.map((r) => opened(r));
  }

  async markChecked(ids: string[], at: Date): Promise<void> {
    if (ids.length) await this.dataSource.query(`UPDATE task SET checked_at = $2 WHERE id = ANY($1::uuid[])`, [ids, at]);
  }
}
