export { dataSourceOptions, SchemaParts } from './data-source-options';
export { dependencyHealthProvider } from './dependency-health.provider';
export { statementsOn } from './statements-on';
