import type { TenantScope } from './tenantScope.js';

/** A stored first attempt: `status` is null while it is still running. */
export type IdempotencyRecord<R> = { request_hash: string; status: number | null; response: R | null };

/** `Idempotency-Key` records, per tenant, caller (`principal`) and key. */
export const idempotencyRepository = ({ tenantId, db }: TenantScope) => ({
  /** Claims the key for this request; false when it was claimed before (by this request or another). */
  async claim(principal: string, key: string, requestHash: string): Promise<boolean> {
    const claimed = await db.query(
      `INSERT INTO idempotency_keys (tenant_id, principal, key, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING key`,
      [tenantId, principal, key, requestHash],
    );
    return claimed.rowCount !== 0;
  },
  async get<R>(principal: string, key: string): Promise<IdempotencyRecord<R> | undefined> {
    const { rows } = await db.query<IdempotencyRecord<R>>(
      'SELECT request_hash, status, response FROM idempotency_keys WHERE tenant_id = $1 AND principal = $2 AND key = $3',
      [tenantId, principal, key],
    );
    return rows[0];
  },
  /** Stores the first attempt's result; `responseJson` is the body as JSON text. */
  async complete(principal: string, key: string, status: number, responseJson: string): Promise<void> {
    await db.query(
      'UPDATE idempotency_keys SET status = $4, response = $5 WHERE tenant_id = $1 AND principal = $2 AND key = $3',
      [tenantId, principal, key, status, responseJson],
    );
  },
  /** Forgets a failed first attempt, so the client can retry with the same key. */
  async release(principal: string, key: string): Promise<void> {
    await db.query('DELETE FROM idempotency_keys WHERE tenant_id = $1 AND principal = $2 AND key = $3', [
      tenantId,
      principal,
      key,
    ]);
  },
});
export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>;
