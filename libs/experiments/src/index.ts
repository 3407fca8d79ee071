/** Public surface of experiments (issue 12): designs, assignment, statistics and the report. */
export * from './domain/statistics';
export * from './domain/experiment';
export * from './domain/analysis';
export { simulateExperiments, type SimulationSummary } from './domain/simulation';
