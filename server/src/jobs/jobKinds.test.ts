import { buildPartner, buildRegistration } from '@entente/shared/testing';
import { createLogger } from '../observability/logger.js';
import type { Database } from '../store/database.js';
import { createStore, type Store } from '../store/store.js';
import { openTestDatabase } from '../store/testing.js';
import { enqueue, JOB_KINDS } from './jobKinds.js';
import { checkedHandlers, createJobRunner, type JobHandlers } from './jobRunner.js';

const TENANT = 't-jobs';

describe('jobs enqueued through the transaction port', () => {
  let db: Database;
  let store: Store;
  const clock = new Date('2026-11-02T09:00:00.000Z');
  beforeEach(async () => {
    db = await openTestDatabase();
    store = createStore(db);
    await store.tenants.upsert({
      id: TENANT,
      name: 'Jobs',
      crm: 'hubspot',
      externalId: '4242',
      status: 'active',
      sandbox: false,
    });
    await store.forTenant(TENANT).partners.upsert(buildPartner({ id: 'partner-1' }));
  });
  afterEach(() => db.close());

  const jobsOf = async () =>
    (
      await db.query<{ kind: string; payload: unknown }>(
        'SELECT kind, payload FROM jobs WHERE tenant_id = $1',
        [TENANT],
      )
    ).rows;

  it('When the transaction fails after the enqueue, then neither the write nor the job is kept', async () => {
    const registration = buildRegistration({ id: 'r-rolled-back' });
    await expect(
      store.inTransaction(TENANT, async (tx) => {
        await tx.registrations.upsert(registration);
        await enqueue(
          tx,
          'governance.credit_sourcing',
          { registrationId: registration.id, dealId: 'd-1' },
          { runAt: clock },
        );
        throw new Error('the step after the enqueue failed');
      }),
    ).rejects.toThrow('the step after the enqueue failed');
    expect(await store.forTenant(TENANT).registrations.get(registration.id)).toBeUndefined();
    expect(await jobsOf()).toEqual([]);
  });

  it('When the transaction commits, then its job is there with the write', async () => {
    await store.inTransaction(TENANT, async (tx) => {
      await tx.registrations.upsert(buildRegistration({ id: 'r-kept' }));
      await enqueue(tx, 'attribution.finalise', { dealId: 'd-1' }, { runAt: clock });
    });
    expect(await jobsOf()).toEqual([{ kind: 'attribution.finalise', payload: { dealId: 'd-1' } }]);
  });

  it('When a job is asked for twice with the same once-key, then it is queued once per tenant', async () => {
    const tenant = store.forTenant(TENANT);
    const options = { runAt: clock, once: 'slot-1' };
    expect(await enqueue(tenant, 'crm.reconcile', {}, options)).toEqual(expect.any(Number));
    expect(await enqueue(tenant, 'crm.reconcile', {}, options)).toBeUndefined();
    expect(await jobsOf()).toHaveLength(1);
  });

  it('When a payload does not fit its kind, then it is refused before anything is queued', async () => {
    await expect(
      enqueue(store.forTenant(TENANT), 'attribution.finalise', { dealId: '' }, { runAt: clock }),
    ).rejects.toThrow();
    expect(await jobsOf()).toEqual([]);
  });

  it('When a stored job no longer fits its kind, then the runner fails it at once instead of retrying', async () => {
    await db.query(
      `INSERT INTO jobs (tenant_id, kind, payload, run_at, max_attempts) VALUES ($1, 'attribution.finalise', '{"deal": 1}', $2, 8)`,
      [TENANT, clock.toISOString()],
    );
    const handled: unknown[] = [];
    const handlers = Object.fromEntries(
      Object.keys(JOB_KINDS).map((kind) => [kind, async (payload: unknown) => void handled.push(payload)]),
    ) as unknown as JobHandlers;
    const runner = createJobRunner({
      db,
      logger: createLogger('silent'),
      now: () => clock,
      handlers: checkedHandlers(handlers),
    });
    await runner.drain();
    expect(handled).toEqual([]);
    const { rows } = await db.query<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM jobs',
    );
    expect(rows).toEqual([{ status: 'failed', last_error: expect.stringMatching(/does not fit its kind/) }]);
  });
});
