export * from './definitions.js';
export * from './inputs.js';
export * from './metricValue.js';
export * from './friction.js';
export * from './aiOperations.js';
export * from './trust.js';
export * from './programHealth.js';
export * from './computeProgramMetrics.js';
