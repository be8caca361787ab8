import type { Logger } from '../observability/logger.js';
import type { Queryable } from '../store/database.js';
import { claimJobs, completeJob, failJob, type Job } from '../store/repositories/jobQueue.js';
import { JOB_KINDS, type JobKind, type JobPayload } from './jobKinds.js';

export type JobHandler = (job: Job) => Promise<void>;

/** One handler per job kind, given the payload already checked against the kind's schema. */
export type JobHandlers = { [K in JobKind]: (payload: JobPayload<K>, job: Job) => Promise<void> };

/** A job that can never succeed (its payload does not fit its kind): failed at once, not retried. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** The runner's handlers from typed ones: each checks its job's payload before handling it. */
export const checkedHandlers = (handlers: JobHandlers): Record<string, JobHandler> =>
  Object.fromEntries(
    (Object.keys(handlers) as JobKind[]).map((kind) => {
      const handle = handlers[kind] as (payload: unknown, job: Job) => Promise<void>;
      const handler: JobHandler = async (job) => {
        const parsed = JOB_KINDS[kind].safeParse(job.payload);
        if (!parsed.success)
          throw new PermanentJobError(
            `The payload of ${kind} job ${job.id} does not fit its kind: ${parsed.error.issues
              .map((issue) => `${issue.path.join('.') || '(payload)'} ${issue.message}`)
              .join('; ')}`,
          );
        await handle(parsed.data, job);
      };
      return [kind, handler];
    }),
  );

/** The tenant a job belongs to; every tenant's job kind carries one. */
export const tenantOf = (job: Job): string => {
  if (!job.tenantId) throw new PermanentJobError(`${job.kind} job ${job.id} has no tenant`);
  return job.tenantId;
};

export type JobRunnerOptions = {
  db: Queryable;
  logger: Logger;
  now: () => Date;
  handlers: Readonly<Record<string, JobHandler>>;
  /** How long a claimed job is ours before another instance may take it over. */
  leaseMs?: number;
  batchSize?: number;
  pollIntervalMs?: number;
};

/**
 * Polls the jobs table and runs handlers. A handler that throws is retried with backoff until its
 * attempts run out. `runOnce` is the unit of work (tests call it directly); `start` loops it.
 */
export const createJobRunner = (options: JobRunnerOptions) => {
  const { db, logger, now, handlers } = options;
  const kinds = Object.keys(handlers);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  const runJob = async (job: Job) => {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job);
      await completeJob(db, job.id);
    } catch (error) {
      const permanent = error instanceof PermanentJobError;
      const outcome = await failJob(
        db,
        permanent ? { ...job, attempts: job.maxAttempts } : job,
        error as Error,
        now(),
      );
      logger[outcome === 'failed' ? 'error' : 'warn'](
        { jobId: job.id, kind: job.kind, attempts: job.attempts, err: error },
        outcome === 'failed' ? 'job failed for good' : 'job failed; will retry',
      );
    }
  };

  const runOnce = async (): Promise<number> => {
    if (kinds.length === 0) return 0;
    const jobs = await claimJobs(db, {
      kinds,
      limit: options.batchSize ?? 10,
      leaseMs: options.leaseMs ?? 60_000,
      now: now(),
    });
    for (const job of jobs) await runJob(job);
    return jobs.length;
  };

  /** Runs until no job is due; for tests and for draining after a burst. */
  const drain = async (): Promise<number> => {
    let total = 0;
    for (let done = await runOnce(); done > 0; done = await runOnce()) total += done;
    return total;
  };

  const loop = () => {
    if (stopped) return;
    running = runOnce().catch((error: unknown) => {
      logger.error({ err: error }, 'job polling failed');
      return 0;
    });
    void running.then((count) => {
      if (!stopped) timer = setTimeout(loop, count > 0 ? 0 : (options.pollIntervalMs ?? 500));
    });
  };

  return {
    runOnce,
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
};
export type JobRunner = ReturnType<typeof createJobRunner>;
