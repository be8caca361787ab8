export * from './partnerValue.js';
export * from './outcomes.js';
export * from './tierPolicy.js';
export * from './assignTier.js';
export * from './tierChange.js';
