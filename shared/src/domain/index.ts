export * from './ids.js';
export * from './money.js';
export * from './tenant.js';
export * from './user.js';
export * from './account.js';
export * from './deal.js';
export * from './partner.js';
export * from './registration.js';
