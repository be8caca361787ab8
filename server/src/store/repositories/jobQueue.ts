import type { Queryable } from '../database.js';
import { toIso } from './rows.js';
import type { TenantScope } from './tenantScope.js';

export type Job = {
  id: number;
  tenantId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  runAt: string;
};

export type EnqueueInput = {
  tenantId: string | null;
  kind: string;
  payload?: Record<string, unknown>;
  /** When the job is due: pass the service clock (`ctx.now()`), never the database's. */
  runAt: Date;
  /** A job with the same key is enqueued only once (until it is deleted); repeats are no-ops. */
  dedupeKey?: string;
  maxAttempts?: number;
};

type JobRow = {
  id: number;
  tenant_id: string | null;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  run_at: Date | string;
};

const toJob = (row: JobRow): Job => ({
  id: row.id,
  tenantId: row.tenant_id,
  kind: row.kind,
  payload: row.payload,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  runAt: toIso(row.run_at),
});

/** Returns the job id, or undefined when a job with the same dedupe key already exists. */
export const enqueueJob = async (db: Queryable, input: EnqueueInput): Promise<number | undefined> => {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO jobs (tenant_id, kind, payload, run_at, dedupe_key, max_attempts)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      input.tenantId,
      input.kind,
      JSON.stringify(input.payload ?? {}),
      input.runAt.toISOString(),
      input.dedupeKey ?? null,
      input.maxAttempts ?? 8,
    ],
  );
  return rows[0]?.id;
};

/**
 * Claims up to `limit` due jobs. SKIP LOCKED lets several instances claim at once without taking
 * the same job; a job whose worker died (lease expired) is claimed again.
 */
export const claimJobs = async (
  db: Queryable,
  { kinds, limit, leaseMs, now }: { kinds: readonly string[]; limit: number; leaseMs: number; now: Date },
): Promise<Job[]> => {
  const { rows } = await db.query<JobRow>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = $3::timestamptz + ($4 || ' milliseconds')::interval,
       updated_at = now()
     WHERE id IN (
       SELECT id FROM jobs
       WHERE kind = ANY($1) AND run_at <= $3
         AND (status = 'queued' OR (status = 'running' AND locked_until < $3))
       ORDER BY run_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     )
     RETURNING id, tenant_id, kind, payload, attempts, max_attempts, run_at`,
    [kinds, limit, now.toISOString(), String(leaseMs)],
  );
  return rows.map(toJob).sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id - b.id);
};

export const completeJob = async (db: Queryable, id: number): Promise<void> => {
  await db.query(
    `UPDATE jobs SET status = 'done', locked_until = NULL, last_error = NULL, updated_at = now() WHERE id = $1`,
    [id],
  );
};

/** Exponential backoff with full jitter, capped at an hour: retries spread out instead of stampeding. */
export const retryDelayMs = (attempts: number, random: () => number = Math.random): number =>
  Math.round(Math.min(3_600_000, 1_000 * 2 ** Math.max(0, attempts - 1)) * (0.5 + random() / 2));

export const failJob = async (
  db: Queryable,
  job: Job,
  error: Error,
  now: Date,
): Promise<'retry' | 'failed'> => {
  const final = job.attempts >= job.maxAttempts;
  await db.query(
    `UPDATE jobs SET status = $2, run_at = $3, locked_until = NULL, last_error = $4, updated_at = now() WHERE id = $1`,
    [
      job.id,
      final ? 'failed' : 'queued',
      new Date(now.getTime() + (final ? 0 : retryDelayMs(job.attempts))).toISOString(),
      error.message.slice(0, 2000),
    ],
  );
  return final ? 'failed' : 'retry';
};

/** Moves a job to a later time without counting an attempt (e.g. a rate limit said "wait"). */
export const postponeJob = async (db: Queryable, id: number, runAt: Date): Promise<void> => {
  await db.query(
    `UPDATE jobs SET status = 'queued', attempts = GREATEST(attempts - 1, 0), run_at = $2, locked_until = NULL, updated_at = now()
     WHERE id = $1`,
    [id, runAt.toISOString()],
  );
};

/**
 * Puts every job left `running` back in the queue, due as before, without counting the attempt its
 * worker never finished; returns how many. Only for a database one process owns (embedded PGlite,
 * whose data dir is locked to this process): at start, any job still `running` lost its worker with
 * the previous process, and waiting for its lease to expire would stall the start. Never on a shared
 * PostgreSQL server, where `running` jobs may belong to other live instances.
 */
export const releaseOrphanedJobs = async (db: Queryable): Promise<number> => {
  const { rowCount } = await db.query(
    `UPDATE jobs SET status = 'queued', attempts = GREATEST(attempts - 1, 0), locked_until = NULL, updated_at = now()
     WHERE status = 'running'`,
  );
  return rowCount;
};

/**
 * The tenant's end of the queue, bound like every repository: inside `store.inTransaction` a job
 * enqueued here commits or rolls back with the rest of the transaction.
 */
export const jobQueueRepository = ({ tenantId, db }: TenantScope) => ({
  enqueue: (input: Omit<EnqueueInput, 'tenantId'>): Promise<number | undefined> =>
    enqueueJob(db, { ...input, tenantId }),
});
