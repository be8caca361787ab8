export * from './lifecycle.js';
export * from './policy.js';
export * from './evaluatePolicy.js';
export * from './neutrality.js';
export * from './auditChain.js';
export * from './intake.js';
