export * from './job-names';
export { QueuesModule } from './queues.module';
