import { Injectable } from '@nestjs/common';
import { AccessPolicy, Principal } from '@unisson/access';
import { PlaybookCatalog } from '@unisson/coordination';
import { UnissonError } from '@unisson/platform';
import { TaskRow, TasksRepository, TeamRow } from '../tasks.repository';

/** Finds a team or a task for a principal, through the policy: another partner's looks like one that does not exist. */
@Injectable()
export class TeamAccess {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly policy: AccessPolicy,
    private readonly playbooks: PlaybookCatalog,
  ) {}

  async team(actor: Principal, teamId: string): Promise<TeamRow> {
    const team = await this.tasks.findTeam(teamId);
    if (!team) throw UnissonError.notFound();
    this.policy.assert(actor, 'task.work', { ownerPartnerId: team.partnerId });
    return team;
  }

  async task(actor: Principal, taskId: string): Promise<{ task: TaskRow; team: TeamRow }> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw UnissonError.notFound();
    const team = await this.tasks.findTeam(task.teamId);
    if (!team) throw UnissonError.notFound();
    this.policy.assert(actor, 'task.work', { ownerPartnerId: team.partnerId });
    return { task, team };
  }

  teams(actor: Principal): Promise<TeamRow[]> {
    return actor.partnerId ? this.tasks.findTeamsOfPartner(actor.partnerId) : Promise.resolve([]);
  }

  /** The playbook's hours for a task's channel on its territory. */
  hoursOf(task: { territory: string; channel: 'call' | 'homeVisit' }, now = new Date()) {
    return this.playbooks.forTerritory(task.territory, now.toISOString().slice(0, 10)).contactHours[task.channel];
  }
}
