import type { MixedList } from 'typeorm';
import { TaskAttempt } from './entities/task-attempt.entity';
import { TaskTeam } from './entities/task-team.entity';
import { Task } from './entities/task.entity';
import { Tasks1799000000100 } from './migrations/1799000000100-tasks';
import { TaskContactsSealed1810000000005 } from './migrations/1810000000005-task-contacts-sealed';
import { TaskNotesSealed1810000000007 } from './migrations/1810000000007-task-notes-sealed';
import { CallbackTasks1821000000400 } from './migrations/1821000000400-callback-tasks';

export const tasksEntities: MixedList<Function> = [TaskTeam, Task, TaskAttempt];
export const tasksMigrations: MixedList<Function> = [
  Tasks1799000000100,
  TaskContactsSealed1810000000005,
  TaskNotesSealed1810000000007,
  CallbackTasks1821000000400,
];
