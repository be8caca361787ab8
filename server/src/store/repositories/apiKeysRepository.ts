import type { Queryable } from '../database.js';
import type { IssuedToken } from '../../secrets/apiKeyTokens.js';
import { createApiKey, findApiKey, revokeApiKey, saveApiKey, type KeyHolder } from './apiKeys.js';
import type { TenantScope } from './tenantScope.js';

/** A tenant's API keys (the functions in apiKeys.ts, bound to the tenant). */
export const apiKeysRepository = ({ tenantId, db }: TenantScope) => ({
  /** A new random key for a partner or an internal user; the token is returned once and never kept. */
  create: (holder: KeyHolder, label?: string) => createApiKey(db, tenantId, holder, label),
  /** Stores a key issued elsewhere (the sandbox's fixed keys), replacing and un-revoking one with its id. */
  save: (holder: KeyHolder, issued: IssuedToken, label?: string) =>
    saveApiKey(db, tenantId, holder, issued, label),
  /** False when the tenant has no such key, or it was already revoked. */
  revoke: (keyId: string, at: Date) => revokeApiKey(db, tenantId, keyId, at),
});
export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;

/** Not tenant-scoped: key ids are globally unique, and finding one is how a request finds its tenant. */
export const apiKeyLookupRepository = (db: Queryable) => ({
  find: (keyId: string) => findApiKey(db, keyId),
});
export type ApiKeyLookupRepository = ReturnType<typeof apiKeyLookupRepository>;
