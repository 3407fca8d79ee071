import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authorize, CurrentPrincipal, identityOf, Principal } from '@unisson/access';
import { ApiAnswer, ApiErrors, ApiJsonBody, queryInteger, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { TaskWork } from '../task-work';
import { TasksRepository, TaskRow } from '../tasks.repository';
import { TeamAccess } from './team-access';
import {
  ClaimInput,
  claimSchema,
  OutcomeBody,
  outcomeSchema,
  taskDetail,
  taskDetailSchema,
  teamView,
  teamViewSchema,
  worklistItem,
  worklistSchema,
} from './task.views';

const uuid = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field, message: 'doit être un UUID' }]) });
const TEAM = {
  id: '0b9f3c52-4c1e-4a55-9d7e-2f3a1c6b7d10',
  name: 'Plateforme d’appels du Département',
  territories: ['93'],
  channels: ['call'],
};
const TASK = {
  id: '5d2c1b7e-0a4f-4c9e-8b3a-6e1f2d3c4b5a',
  channel: 'call',
  channelLabel: 'appel',
  purpose: 'rappelAudience',
  state: 'reserved',
  stateLabel: 'réservée',
  heldByYou: true,
  dueFrom: '2026-12-07T13:00:00.000Z',
  dueWindow: 'lun. 7 déc., 14:00–20:00 (heure de Paris)',
  deadline: '2026-12-10T23:00:00.000Z',
  attempts: 1,
  lastOutcome: 'no_answer',
};
const DETAIL = {
  ...TASK,
  teamId: TEAM.id,
  householdId: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
  locale: 'fr',
  recipient: '+33612345678',
  script: 'Ouverture\nBonjour, je m’appelle [votre prénom], de …',
  routingReason: 'Règle « Le Département (ou la plateforme d’appels qu’il mandate) pour les autres foyers »',
  reservedUntil: '2026-12-07T13:15:00.000Z',
  nextAttemptAt: null,
  unreachable: false,
  cancelReason: null,
  outcomes: [{ value: 'reached', label: 'Joint : la personne a répondu' }],
};
const pageQuery = z.strictObject({
  limit: queryInteger({ min: 1, max: 200, default: 50 }),
  offset: queryInteger({ min: 0, max: 1_000_000, default: 0 }),
});

/**
 * The worklists of call platforms and mobile teams that have their own tools: a team's open
 * tasks, claims (reservations with a timeout), outcomes and closing, behind the same policy as
 * the page (`task.work`: the team's partner's call agents and staff, and its keys with `tasks:work`).
 */
@ApiTags('tasks')
@ApiSecurity('api-key')
@ApiErrors(401, 403)
@Controller('v1')
export class WorklistController {
  constructor(
    private readonly access: TeamAccess,
    private readonly work: TaskWork,
    private readonly tasks: TasksRepository,
  ) {}

  private detail(task: TaskRow, actor: Principal) {
    return taskDetail(task, identityOf(actor), this.access.hoursOf(task));
  }

  @Get('task-teams')
  @Authorize('task.work')
  @ApiOperation({ summary: 'Les équipes d’appels et de visites de votre organisation' })
  @ApiAnswer(200, 'TaskTeamList', z.array(teamViewSchema), [TEAM])
  async teams(@CurrentPrincipal() actor: Principal) {
    return (await this.access.teams(actor)).map(teamView);
  }

  @Get('task-teams/:teamId/tasks')
  @Authorize('task.work')
  @ApiOperation({ summary: 'La liste de travail d’une équipe : tâches ouvertes, la plus tôt due d’abord, et les vôtres avec leur script' })
  @ApiParam({ name: 'teamId', format: 'uuid' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiAnswer(200, 'Worklist', worklistSchema, {
    team: TEAM,
    counts: { pending: 12, reserved: 1, dueNow: 7 },
    yours: [DETAIL],
    tasks: [TASK],
    limit: 50,
    offset: 0,
  })
  @ApiErrors(400, 404)
  async worklist(
    @CurrentPrincipal() actor: Principal,
    @Param('teamId', uuid('teamId')) teamId: string,
    @Query(new ZodValidationPipe(pageQuery)) page: z.infer<typeof pageQuery>,
  ) {
    const team = await this.access.team(actor, teamId);
    const agent = identityOf(actor);
    const now = new Date();
    const [list, held] = await Promise.all([
      this.tasks.worklist(team.id, now, page.limit, page.offset),
      this.tasks.heldBy(agent, team.id, now),
    ]);
    return {
      team: teamView(team),
      counts: list.counts,
      yours: held.map((t) => this.detail(t, actor)),
      tasks: list.rows.map((t) => worklistItem(t, agent, this.access.hoursOf(t, now))),
      limit: page.limit,
      offset: page.offset,
    };
  }

  @Post('task-teams/:teamId/claims')
  @HttpCode(200)
  @Authorize('task.work')
  @ApiOperation({
    summary:
      'Prendre une tâche (la prochaine due, ou celle nommée) : réservée pour vous le temps du playbook, dans la limite de foyers tenus',
  })
  @ApiParam({ name: 'teamId', format: 'uuid' })
  @ApiJsonBody('TaskClaim', claimSchema, {})
  @ApiAnswer(200, 'Task', taskDetailSchema, DETAIL)
  @ApiErrors(400, 404, 409)
  async claim(
    @CurrentPrincipal() actor: Principal,
    @Param('teamId', uuid('teamId')) teamId: string,
    @Body(new ZodValidationPipe(claimSchema)) body: ClaimInput,
  ) {
    const team = await this.access.team(actor, teamId);
    return this.detail(await this.work.claim(team, identityOf(actor), body.taskId ?? null), actor);
  }

  @Get('tasks/:taskId')
  @Authorize('task.work')
  @ApiOperation({ summary: 'Une tâche (script et coordonnées seulement pour qui la tient)' })
  @ApiParam({ name: 'taskId', format: 'uuid' })
  @ApiAnswer(200, 'Task', taskDetailSchema, DETAIL)
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() actor: Principal, @Param('taskId', uuid('taskId')) taskId: string) {
    return this.detail((await this.access.task(actor, taskId)).task, actor);
  }

  @Post('tasks/:taskId/start')
  @HttpCode(200)
  @Authorize('task.work')
  @ApiOperation({ summary: 'Commencer l’appel ou la visite d’une tâche réservée (elle ne sera plus rendue à l’échéance)' })
  @ApiParam({ name: 'taskId', format: 'uuid' })
  @ApiAnswer(200, 'Task', taskDetailSchema, { ...DETAIL, state: 'assigned', stateLabel: 'en cours' })
  @ApiErrors(400, 404, 409)
  async start(@CurrentPrincipal() actor: Principal, @Param('taskId', uuid('taskId')) taskId: string) {
    await this.access.task(actor, taskId);
    return this.detail(await this.work.start(taskId, identityOf(actor)), actor);
  }

  @Post('tasks/:taskId/release')
  @HttpCode(200)
  @Authorize('task.work')
  @ApiOperation({ summary: 'Rendre une tâche à l’équipe sans résultat' })
  @ApiParam({ name: 'taskId', format: 'uuid' })
  @ApiAnswer(200, 'Task', taskDetailSchema, {
    ...DETAIL,
    state: 'pending',
    stateLabel: 'à traiter',
    heldByYou: false,
    recipient: null,
    script: null,
  })
  @ApiErrors(400, 404, 409)
  async release(@CurrentPrincipal() actor: Principal, @Param('taskId', uuid('taskId')) taskId: string) {
    await this.access.task(actor, taskId);
    return this.detail(await this.work.release(taskId, identityOf(actor)), actor);
  }

  @Post('tasks/:taskId/outcome')
  @HttpCode(200)
  @Authorize('task.work')
  @ApiOperation({
    summary:
      'Noter le résultat d’un essai : un événement de réponse qui replanifie (mauvais numéro, déménagé, refus…) ; l’essai compte dans le plafond (4 en 30 jours, pause de 60 jours après un refus)',
  })
  @ApiParam({ name: 'taskId', format: 'uuid' })
  @ApiJsonBody('TaskOutcome', outcomeSchema, {
    outcome: 'callback_requested',
    callbackAt: '2026-12-08T14:30:00+01:00',
    note: 'Rappeler après 14 h',
    complete: true,
  })
  @ApiAnswer(200, 'Task', taskDetailSchema, { ...DETAIL, state: 'wrap_up', stateLabel: 'à clore', lastOutcome: 'callback_requested' })
  @ApiErrors(400, 404, 409)
  async outcome(
    @CurrentPrincipal() actor: Principal,
    @Param('taskId', uuid('taskId')) taskId: string,
    @Body(new ZodValidationPipe(outcomeSchema)) body: OutcomeBody,
  ) {
    await this.access.task(actor, taskId);
    const agent = identityOf(actor);
    const task = await this.work.recordOutcome(taskId, agent, {
      outcome: body.outcome,
      note: body.note ?? null,
      callbackAt: body.callbackAt ? new Date(body.callbackAt) : null,
    });
    return this.detail(body.complete ? await this.work.complete(task.id, agent) : task, actor);
  }

  @Post('tasks/:taskId/complete')
  @HttpCode(200)
  @Authorize('task.work')
  @ApiOperation({ summary: 'Clore une tâche « à clore » : terminée, ou rendue à l’équipe pour son prochain essai' })
  @ApiParam({ name: 'taskId', format: 'uuid' })
  @ApiAnswer(200, 'Task', taskDetailSchema, {
    ...DETAIL,
    state: 'completed',
    stateLabel: 'terminée',
    heldByYou: false,
    recipient: null,
    script: null,
  })
  @ApiErrors(400, 404, 409)
  async complete(@CurrentPrincipal() actor: Principal, @Param('taskId', uuid('taskId')) taskId: string) {
    await this.access.task(actor, taskId);
    return this.detail(await this.work.complete(taskId, identityOf(actor)), actor);
  }
}
