export * from './conflict.js';
export * from './customerRecords.js';
export * from './detectConflicts.js';
export * from './partnerSafe.js';
