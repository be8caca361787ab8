import type { Queryable } from '../database.js';
import type { IssuedToken } from '../../secrets/apiKeyTokens.js';
import {
  createApiKey,
  deleteExpiredKeyLinks,
  findApiKey,
  getApiKey,
  listPartnerKeys,
  revokeApiKey,
  saveApiKey,
  saveKeyLink,
  takeKeyLink,
  touchApiKey,
  type KeyHolder,
  type KeyLink,
} from './apiKeys.js';
import type { TenantScope } from './tenantScope.js';

/** A tenant's API keys (the functions in apiKeys.ts, bound to the tenant). */
export const apiKeysRepository = ({ tenantId, db }: TenantScope) => ({
  /** A new random key for a partner or an internal user; the token is returned once and never kept. */
  create: (holder: KeyHolder, label?: string, createdAt?: Date) =>
    createApiKey(db, tenantId, holder, label, createdAt),
  /** Stores a key issued elsewhere (the sandbox's fixed keys), replacing and un-revoking one with its id. */
  save: (holder: KeyHolder, issued: IssuedToken, label?: string) =>
    saveApiKey(db, tenantId, holder, issued, label),
  get: (keyId: string) => getApiKey(db, tenantId, keyId),
  /** A partner's keys (never their secrets), oldest first, with any pending link's expiry. */
  listForPartner: (partnerId: string) => listPartnerKeys(db, tenantId, partnerId),
  /** False when the tenant has no such key, or it was already revoked. Its pending links go too. */
  revoke: (keyId: string, at: Date) => revokeApiKey(db, tenantId, keyId, at),
  /** A one-time link to a key: the hash of its token and the key sealed with the service's cipher. */
  saveLink: (link: Omit<KeyLink, 'tenantId'>) => saveKeyLink(db, tenantId, link),
  deleteExpiredLinks: (now: Date) => deleteExpiredKeyLinks(db, tenantId, now),
});
export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;

/**
 * Not tenant-scoped: key ids are globally unique, and finding one is how a request finds its
 * tenant; a link's token is all its viewer has, and taking the link finds the tenant.
 */
export const apiKeyLookupRepository = (db: Queryable) => ({
  find: (keyId: string) => findApiKey(db, keyId),
  /** Records a successful authentication (at most once an hour per key). */
  touch: (keyId: string, at: Date) => touchApiKey(db, keyId, at),
  /** Deletes and returns the link with this token hash: only one caller ever gets it. */
  takeLink: (tokenHash: string) => takeKeyLink(db, tokenHash),
});
export type ApiKeyLookupRepository = ReturnType<typeof apiKeyLookupRepository>;
