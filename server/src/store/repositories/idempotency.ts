import type { Queryable } from '../database.js';
import type { TenantScope } from './tenantScope.js';

/**
 * How long a claimed `Idempotency-Key` belongs to the request that claimed it. A request that has
 * neither stored its result nor let the key go by then is taken to have died with its process
 * (killed, crashed, its machine gone), and the same request (same key, same body) may take the
 * claim over and run. 60 s is far above what an idempotent POST takes (they only write to the
 * store; CRM calls run afterwards as jobs) and matches the job runner's lease, so a retry after a
 * crash waits at most a minute. A first attempt still running after 60 s could run twice; the
 * fence (`claimedAt`) keeps it from overwriting or deleting the claim that took over.
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/** A stored first attempt: `status` is null while it is still running (or was, when its process died). */
export type IdempotencyRecord<R> = { request_hash: string; status: number | null; response: R | null };

/** A claim is made at `now`, on the service clock, and lasts `leaseMs`. */
export type ClaimTime = { now: Date; leaseMs: number };

/** `Idempotency-Key` records, per tenant, caller (`principal`) and key. */
export const idempotencyRepository = ({ tenantId, db }: TenantScope) => ({
  /**
   * Claims the key for this request at `now`; false when it is taken: completed, claimed by another
   * body, or claimed by the same request less than `leaseMs` ago. An unfinished claim of the same
   * request older than the lease is taken over (its `claimed_at` moves to `now`). `now` is the
   * claim's fence: pass the same date to `complete` and `release`.
   */
  async claim(
    principal: string,
    key: string,
    requestHash: string,
    { now, leaseMs }: ClaimTime,
  ): Promise<boolean> {
    const claimed = await db.query(
      `INSERT INTO idempotency_keys AS k (tenant_id, principal, key, request_hash, claimed_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, principal, key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
       WHERE k.status IS NULL AND k.request_hash = EXCLUDED.request_hash
         AND k.claimed_at <= $5::timestamptz - ($6 || ' milliseconds')::interval
       RETURNING key`,
      [tenantId, principal, key, requestHash, now.toISOString(), String(leaseMs)],
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
  /**
   * Stores the first attempt's result; `responseJson` is the body as JSON text. Only while the
   * claim made at `claimedAt` still holds the key: a claim taken over keeps its new owner's result.
   */
  async complete(
    principal: string,
    key: string,
    claimedAt: Date,
    status: number,
    responseJson: string,
  ): Promise<void> {
    await db.query(
      `UPDATE idempotency_keys SET status = $5, response = $6
       WHERE tenant_id = $1 AND principal = $2 AND key = $3 AND claimed_at = $4 AND status IS NULL`,
      [tenantId, principal, key, claimedAt.toISOString(), status, responseJson],
    );
  },
  /** Forgets a failed first attempt, so the client can retry with the same key (only its own claim). */
  async release(principal: string, key: string, claimedAt: Date): Promise<void> {
    await db.query(
      `DELETE FROM idempotency_keys
       WHERE tenant_id = $1 AND principal = $2 AND key = $3 AND claimed_at = $4 AND status IS NULL`,
      [tenantId, principal, key, claimedAt.toISOString()],
    );
  },
});
export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>;

/**
 * With the embedded database one process owns the data: a claim still unfinished when it starts
 * belonged to a process that died, and is released so its request can be retried at once (the
 * sandbox's walkthrough registers with a fixed key). Returns how many were released.
 */
export const releaseOrphanedClaims = async (db: Queryable): Promise<number> =>
  (await db.query('DELETE FROM idempotency_keys WHERE status IS NULL')).rowCount;
