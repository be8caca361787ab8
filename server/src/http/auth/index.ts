export * from '../../store/repositories/apiKeys.js';
export * from '../../secrets/apiKeyTokens.js';
export * from './authenticate.js';
