import type { Queryable } from '../database.js';
import { isoOrNull } from './rows.js';
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
): Promise<void> => {
  const partner = 'partnerId' in holder;
  await db.query(
    `INSERT INTO api_keys (tenant_id, id, kind, partner_id, user_id, role, secret_hash, label)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
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
    ],
  );
};

/** Creates a new random key for a partner or an internal user and returns the token (shown once). */
export const createApiKey = async (
  db: Queryable,
  tenantId: string,
  holder: KeyHolder,
  label = '',
): Promise<{ keyId: string; token: string }> => {
  const issued = generateToken('partnerId' in holder ? 'partner' : 'internal');
  await saveApiKey(db, tenantId, holder, issued, label);
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
  return rowCount > 0;
};
