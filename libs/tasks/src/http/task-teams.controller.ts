import { Body, Controller, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@unisson/access';
import { PartnersRepository } from '@unisson/partners';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { TasksRepository } from '../tasks.repository';
import { NewTeamInput, newTeamSchema, teamView, teamViewSchema } from './task.views';

/** Unisson's administrators create the teams that work call and visit tasks (a partner's call platform, mobile team…). */
@ApiTags('tasks')
@ApiCookieAuth('session')
@ApiErrors(401, 403)
@Controller('v1/admin/task-teams')
export class TaskTeamsController {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly partners: PartnersRepository,
  ) {}

  @Post()
  @Authorize('task_team.manage')
  @ApiOperation({ summary: 'Créer une équipe d’appels ou de visites pour un partenaire, sur ses territoires' })
  @ApiJsonBody('NewTaskTeam', newTeamSchema, {
    partnerId: '2f1e0d9c-8b7a-4c6d-9e5f-1a2b3c4d5e6f',
    name: 'Équipe mobile 93',
    territories: ['93'],
    channels: ['call', 'homeVisit'],
  })
  @ApiAnswer(201, 'TaskTeam', teamViewSchema, {
    id: '0b9f3c52-4c1e-4a55-9d7e-2f3a1c6b7d10',
    name: 'Équipe mobile 93',
    territories: ['93'],
    channels: ['call', 'homeVisit'],
  })
  @ApiErrors(400)
  async create(@Body(new ZodValidationPipe(newTeamSchema)) body: NewTeamInput) {
    const [partner] = await this.partners.findPartnersByIds([body.partnerId]);
    if (!partner) throw UnissonError.validation([{ field: 'partnerId', message: 'aucun partenaire de ce nom' }]);
    const outside = body.territories.filter((t) => !partner.territories.includes(t) && partner.territory !== t);
    if (outside.length)
      throw UnissonError.validation([{ field: 'territories', message: `hors des territoires du partenaire : ${outside.join(', ')}` }]);
    return teamView(
      await this.tasks.insertTeam({
        partnerId: partner.id,
        name: body.name,
        territories: [...new Set(body.territories)],
        channels: [...new Set(body.channels)],
      }),
    );
  }
}
