export * from './apiKeyStore.js';
export * from './apiKeyTokens.js';
export * from './authenticate.js';
