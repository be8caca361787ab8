import { createLogger } from '../observability/logger.js';
import type { Database } from '../store/database.js';
import { openTestDatabase } from '../store/testing.js';
import { claimJobs, enqueueJob } from '../store/repositories/jobQueue.js';
import { createJobRunner } from './jobRunner.js';

describe('durable jobs', () => {
  let db: Database;
  let clock: Date;
  const logger = createLogger('silent');
  beforeEach(async () => {
    db = await openTestDatabase();
    await db.exec('DELETE FROM jobs');
    clock = new Date('2026-06-01T00:00:00Z');
  });
  afterEach(() => db.close());

  it('When the same dedupe key is enqueued twice, then the job runs once', async () => {
    const seen: unknown[] = [];
    await enqueueJob(db, { tenantId: null, kind: 'echo', payload: { n: 1 }, dedupeKey: 'k1', runAt: clock });
    expect(
      await enqueueJob(db, {
        tenantId: null,
        kind: 'echo',
        payload: { n: 2 },
        dedupeKey: 'k1',
        runAt: clock,
      }),
    ).toBeUndefined();
    const runner = createJobRunner({
      db,
      logger,
      now: () => clock,
      handlers: { echo: async (job) => void seen.push(job.payload) },
    });
    await runner.drain();
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('When a handler fails, then the job is retried later and succeeds on a later attempt', async () => {
    let calls = 0;
    await enqueueJob(db, { tenantId: null, kind: 'flaky', runAt: clock });
    const runner = createJobRunner({
      db,
      logger,
      now: () => clock,
      handlers: {
        flaky: async () => {
          calls++;
          if (calls === 1) throw new Error('transient');
        },
      },
    });
    expect(await runner.runOnce()).toBe(1);
    expect(await runner.runOnce()).toBe(0); // backing off: not due yet
    clock = new Date(clock.getTime() + 60_000);
    expect(await runner.runOnce()).toBe(1);
    expect(calls).toBe(2);
    const { rows } = await db.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM jobs',
    );
    expect(rows).toEqual([{ status: 'done', attempts: 2 }]);
  });

  it('When a job keeps failing, then it is marked failed after its last attempt', async () => {
    await enqueueJob(db, { tenantId: null, kind: 'broken', maxAttempts: 2, runAt: clock });
    const runner = createJobRunner({
      db,
      logger,
      now: () => clock,
      handlers: { broken: async () => Promise.reject(new Error('no')) },
    });
    for (let i = 0; i < 3; i++) {
      await runner.runOnce();
      clock = new Date(clock.getTime() + 3_600_000);
    }
    const { rows } = await db.query<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM jobs',
    );
    expect(rows).toEqual([{ status: 'failed', last_error: 'no' }]);
  });

  it('When a worker dies holding a job, then the job is claimed again after its lease', async () => {
    await enqueueJob(db, { tenantId: null, kind: 'lease', runAt: clock });
    expect(await claimJobs(db, { kinds: ['lease'], limit: 5, leaseMs: 1_000, now: clock })).toHaveLength(1);
    expect(await claimJobs(db, { kinds: ['lease'], limit: 5, leaseMs: 1_000, now: clock })).toHaveLength(0);
    const later = new Date(clock.getTime() + 2_000);
    expect(await claimJobs(db, { kinds: ['lease'], limit: 5, leaseMs: 1_000, now: later })).toHaveLength(1);
  });
});
