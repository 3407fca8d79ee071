export { dataSourceOptions, SchemaParts } from './data-source-options';
