export * from './partnerValue.js';
export * from './tierPolicy.js';
export * from './assignTier.js';
