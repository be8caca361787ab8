export * from '../../store/repositories/apiKeys.js';
export * from './apiKeyTokens.js';
export * from './authenticate.js';
