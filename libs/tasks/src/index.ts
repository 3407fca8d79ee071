export { TasksHttpModule, TasksJobsModule, TasksModule } from './tasks.module';
export { CallTaskSender, HomeVisitTaskSender } from './task-senders';
export { TasksRepository, TaskRow, TeamRow, WorklistRow } from './tasks.repository';
export { TaskWork } from './task-work';
export { TaskCreation } from './task-creation';
export { tasksEntities, tasksMigrations } from './schema';
export * from './domain/task-life';
export * from './domain/outcomes';
export * from './domain/task-channel';
