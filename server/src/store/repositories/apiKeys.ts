import type { Queryable } from '../database.js';
import { isoOrNull, toIso } from './rows.js';
import { generateToken, type ApiKeyKind, type IssuedToken } from '../../secrets/apiKeyTokens.js';

export type InternalRole = 'user' | 'admin';

export type ApiKey = {
  tenantId: string;
  keyId: string;
  kind: ApiKeyKind;
  partnerId: string | null;
  userId: string | null;
  role: InternalRole | null;
  secretHash: string;
  label: string;
  createdAt: string;
  /** When the key last authenticated, to the hour (see `touchApiKey`); null if never. */
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type ApiKeyRow = {
  tenant_id: string;
  id: string;
  kind: ApiKeyKind;
  partner_id: string | null;
  user_id: string | null;
  role: InternalRole | null;
  secret_hash: string;
  label: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
};

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  tenantId: row.tenant_id,
  keyId: row.id,
  kind: row.kind,
  partnerId: row.partner_id,
  userId: row.user_id,
  role: row.role,
  secretHash: row.secret_hash,
  label: row.label,
  createdAt: toIso(row.created_at),
  lastUsedAt: isoOrNull(row.last_used_at),
  revokedAt: isoOrNull(row.revoked_at),
});

export type KeyHolder = { partnerId: string } | { userId: string; role: InternalRole };

/** Stores an issued token's hash; the plain token is returned to the caller once and never kept. */
export const saveApiKey = async (
  db: Queryable,
  tenantId: string,
  holder: KeyHolder,
  issued: IssuedToken,
  label = '',
  createdAt?: Date,
): Promise<void> => {
  const partner = 'partnerId' in holder;
  await db.query(
    `INSERT INTO api_keys (tenant_id, id, kind, partner_id, user_id, role, secret_hash, label, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9::timestamptz, now()))
     ON CONFLICT (tenant_id, id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, revoked_at = NULL`,
    [
      tenantId,
      issued.keyId,
      issued.kind,
      partner ? holder.partnerId : null,
      partner ? null : holder.userId,
      partner ? null : holder.role,
      issued.secretHash,
      label,
      createdAt?.toISOString() ?? null,
    ],
  );
};

/** Creates a new random key for a partner or an internal user and returns the token (shown once). */
export const createApiKey = async (
  db: Queryable,
  tenantId: string,
  holder: KeyHolder,
  label = '',
  createdAt?: Date,
): Promise<{ keyId: string; token: string }> => {
  const issued = generateToken('partnerId' in holder ? 'partner' : 'internal');
  await saveApiKey(db, tenantId, holder, issued, label, createdAt);
  return { keyId: issued.keyId, token: issued.token };
};

/** Key ids are globally unique: this is how a request finds its tenant. */
export const findApiKey = async (db: Queryable, keyId: string): Promise<ApiKey | undefined> => {
  const { rows } = await db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $1', [keyId]);
  return rows[0] && toApiKey(rows[0]);
};

export const revokeApiKey = async (
  db: Queryable,
  tenantId: string,
  keyId: string,
  at: Date,
): Promise<boolean> => {
  const { rowCount } = await db.query(
    'UPDATE api_keys SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL',
    [tenantId, keyId, at.toISOString()],
  );
  // A revoked key's one-time link is useless: its sealed copy of the key goes too.
  await db.query('DELETE FROM api_key_links WHERE tenant_id = $1 AND key_id = $2', [tenantId, keyId]);
  return rowCount > 0;
};

/** How often `last_used_at` is written: at most once per key in this time, so reads stay reads. */
export const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

/** Records that a key authenticated at `at`, unless that was recorded less than an hour before. */
export const touchApiKey = async (db: Queryable, keyId: string, at: Date): Promise<void> => {
  await db.query(
    `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`,
    [keyId, at.toISOString(), new Date(at.getTime() - LAST_USED_RESOLUTION_MS).toISOString()],
  );
};

/** A partner's keys, oldest first, with when their pending one-time link (if any) expires. */
export const listPartnerKeys = async (
  db: Queryable,
  tenantId: string,
  partnerId: string,
): Promise<(ApiKey & { linkExpiresAt: string | null })[]> => {
  const { rows } = await db.query<ApiKeyRow & { link_expires_at: Date | string | null }>(
    `SELECT k.*, (SELECT max(l.expires_at) FROM api_key_links l
                  WHERE l.tenant_id = k.tenant_id AND l.key_id = k.id) AS link_expires_at
     FROM api_keys k WHERE k.tenant_id = $1 AND k.kind = 'partner' AND k.partner_id = $2
     ORDER BY k.created_at, k.id`,
    [tenantId, partnerId],
  );
  return rows.map((row) => ({ ...toApiKey(row), linkExpiresAt: isoOrNull(row.link_expires_at) }));
};

export const getApiKey = async (
  db: Queryable,
  tenantId: string,
  keyId: string,
): Promise<ApiKey | undefined> => {
  const { rows } = await db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    keyId,
  ]);
  return rows[0] && toApiKey(rows[0]);
};

/** A key waiting to be viewed once: the hash of the link's token and the key, sealed. */
export type KeyLink = {
  tenantId: string;
  tokenHash: string;
  keyId: string;
  sealedKey: string;
  createdAt: string;
  expiresAt: string;
};

type KeyLinkRow = {
  tenant_id: string;
  token_hash: string;
  key_id: string;
  sealed_key: string;
  created_at: Date | string;
  expires_at: Date | string;
};

const toKeyLink = (row: KeyLinkRow): KeyLink => ({
  tenantId: row.tenant_id,
  tokenHash: row.token_hash,
  keyId: row.key_id,
  sealedKey: row.sealed_key,
  createdAt: toIso(row.created_at),
  expiresAt: toIso(row.expires_at),
});

export const saveKeyLink = async (
  db: Queryable,
  tenantId: string,
  link: Omit<KeyLink, 'tenantId'>,
): Promise<void> => {
  await db.query(
    `INSERT INTO api_key_links (tenant_id, token_hash, key_id, sealed_key, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [tenantId, link.tokenHash, link.keyId, link.sealedKey, link.createdAt, link.expiresAt],
  );
};

/**
 * Deletes the link with this token hash and returns what it held: of two concurrent takers, exactly
 * one gets the row. Not tenant-scoped: the token is all a viewer has, and it finds the tenant.
 */
export const takeKeyLink = async (db: Queryable, tokenHash: string): Promise<KeyLink | undefined> => {
  const { rows } = await db.query<KeyLinkRow>('DELETE FROM api_key_links WHERE token_hash = $1 RETURNING *', [
    tokenHash,
  ]);
  return rows[0] && toKeyLink(rows[0]);
};

/** Deletes the tenant's links that expired by `now`; returns how many. */
export const deleteExpiredKeyLinks = async (db: Queryable, tenantId: string, now: Date): Promise<number> => {
  const { rowCount } = await db.query('DELETE FROM api_key_links WHERE tenant_id = $1 AND expires_at <= $2', [
    tenantId,
    now.toISOString(),
  ]);
  return rowCount;
};
