import type { Queryable } from '../database.js';
import { toIso } from './rows.js';
import type { TenantScope } from './tenantScope.js';

/** Token columns hold ciphertext only: encryption happens before a value reaches this repository. */
export type StoredTokens = {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  scopes: string[];
  refreshFailedAt: string | null;
};

type TokenRow = {
  access_token: string;
  refresh_token: string;
  expires_at: Date | string;
  scopes: string[];
  refresh_failed_at: Date | string | null;
};

const toTokens = (row: TokenRow): StoredTokens => ({
  accessToken: row.access_token,
  refreshToken: row.refresh_token,
  expiresAt: toIso(row.expires_at),
  scopes: row.scopes,
  refreshFailedAt: row.refresh_failed_at === null ? null : toIso(row.refresh_failed_at),
});

export const crmTokensRepository = ({ tenantId, db }: TenantScope) => ({
  async get(): Promise<StoredTokens | undefined> {
    const { rows } = await db.query<TokenRow>('SELECT * FROM crm_tokens WHERE tenant_id = $1', [tenantId]);
    return rows[0] && toTokens(rows[0]);
  },
  /** Locks the row for the rest of the transaction: one refresh per tenant across all instances. */
  async getForUpdate(): Promise<StoredTokens | undefined> {
    const { rows } = await db.query<TokenRow>('SELECT * FROM crm_tokens WHERE tenant_id = $1 FOR UPDATE', [
      tenantId,
    ]);
    return rows[0] && toTokens(rows[0]);
  },
  async save(tokens: Omit<StoredTokens, 'refreshFailedAt'>): Promise<void> {
    await db.query(
      `INSERT INTO crm_tokens (tenant_id, access_token, refresh_token, expires_at, scopes, refresh_failed_at)
       VALUES ($1, $2, $3, $4, $5, NULL)
       ON CONFLICT (tenant_id) DO UPDATE SET access_token = EXCLUDED.access_token,
         refresh_token = EXCLUDED.refresh_token, expires_at = EXCLUDED.expires_at, scopes = EXCLUDED.scopes,
         refresh_failed_at = NULL, updated_at = now()`,
      [tenantId, tokens.accessToken, tokens.refreshToken, tokens.expiresAt, tokens.scopes],
    );
  },
  async markRefreshFailed(at: Date): Promise<void> {
    await db.query('UPDATE crm_tokens SET refresh_failed_at = $2, updated_at = now() WHERE tenant_id = $1', [
      tenantId,
      at.toISOString(),
    ]);
  },
  async purge(): Promise<void> {
    await db.query('DELETE FROM crm_tokens WHERE tenant_id = $1', [tenantId]);
  },
});
export type CrmTokensRepository = ReturnType<typeof crmTokensRepository>;

/** OAuth state nonces are not tenant data: the tenant does not exist until the install completes. */
export const oauthStatesRepository = (db: Queryable) => ({
  async create(nonce: string, expiresAt: Date): Promise<void> {
    await db.query('INSERT INTO oauth_states (nonce, expires_at) VALUES ($1, $2)', [
      nonce,
      expiresAt.toISOString(),
    ]);
  },
  /** True once: the first caller before expiry consumes the state; replays get false. */
  async consume(nonce: string, now: Date): Promise<boolean> {
    const { rowCount } = await db.query(
      'UPDATE oauth_states SET used_at = $2 WHERE nonce = $1 AND used_at IS NULL AND expires_at > $2',
      [nonce, now.toISOString()],
    );
    return rowCount > 0;
  },
});
