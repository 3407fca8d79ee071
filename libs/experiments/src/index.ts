/** Public surface of experiments (issue 12): designs, assignment, statistics and the report. */
export * from './domain/statistics';
export * from './domain/experiment';
export * from './domain/analysis';
export { simulateExperiments, type SimulationSummary } from './domain/simulation';
export { ExperimentsModule } from './experiments.module';
export { ExperimentsRepository } from './experiments.repository';
export { ExperimentsService, ExperimentWithReport, designOf } from './experiments.service';
export { ExperimentAssigner, VariantAssignment, DEFAULT_VARIANT_ID, variantOfArm } from './experiment-assigner';
export { Experiment, ALLOCATIONS, Allocation, ExperimentStatus } from './entities/experiment.entity';
export { ExperimentAssignment } from './entities/experiment-assignment.entity';
export { newExperimentSchema, NewExperimentInput } from './dto/experiment.schemas';
export { experimentsEntities, experimentsMigrations } from './schema';
