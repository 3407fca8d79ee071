export * from './channels';
export * from './procedure-stages';
export * from './territories';
export * from './procedure-events';
export * from './responses';
export * from './partner-kinds';
