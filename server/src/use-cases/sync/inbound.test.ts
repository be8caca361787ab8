import { buildPartner } from '@entente/shared/testing';
import type { CrmEntity, CrmPort } from '../../crm/crmPort.js';
import { hubspotIds } from '../../crm/hubspot/toDomain.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import type { ChangeRecord } from '@entente/shared/domain';
import { applyInboundChanges } from './inbound.js';

// Starting an app on a fresh PostgreSQL schema takes a few seconds on a busy machine.
jest.setTimeout(60_000);

const TENANT = 'hubspot-900';

/** A CrmPort stand-in: what the CRM says now about the companies asked for. */
const fakePort = (alive: Record<string, string>): CrmPort =>
  ({
    localId: (_kind: string, crmId: string) => hubspotIds.company(crmId),
    readByIds: async (_kind: string, ids: readonly string[]): Promise<CrmEntity[]> =>
      ids
        .filter((id) => alive[id])
        .map((id) => ({
          kind: 'companies',
          account: {
            id: hubspotIds.company(id),
            crmId: id,
            name: alive[id] as string,
            domains: [],
            phone: null,
            address: null,
            industry: null,
            employees: null,
            ownerId: null,
            parentAccountId: null,
          },
        })),
  }) as unknown as CrmPort;

/** A change record as an adapter reports it; only what a test cares about needs saying. */
const change = (
  overrides: Partial<ChangeRecord> & Pick<ChangeRecord, 'eventId' | 'objectId' | 'occurredAt' | 'change'>,
): ChangeRecord => ({
  objectKind: 'companies',
  madeByEntente: false,
  ententeField: null,
  value: null,
  mergedIds: [],
  ...overrides,
});

describe('applying inbound changes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      seed: false,
      env: { HUBSPOT_CLIENT_ID: 'c', HUBSPOT_CLIENT_SECRET: 's', ENCRYPTION_KEY: 'd'.repeat(64) },
    });
    await app.ctx.store.tenants.upsert({
      id: TENANT,
      name: 'P',
      crm: 'hubspot',
      externalId: '900',
      status: 'active',
      sandbox: false,
    });
  });
  afterAll(() => app.close());

  it('When two companies that both carry registrations are merged, then both registrations move to the survivor and a conflict is flagged', async () => {
    const store = app.ctx.store.forTenant(TENANT);
    for (const [crmId, name] of [
      ['1', 'Acme'],
      ['2', 'ACME Inc'],
    ] as const) {
      await store.accounts.upsert({
        id: hubspotIds.company(crmId),
        crmId,
        name,
        domains: [],
        phone: null,
        address: null,
        industry: null,
        employees: null,
        ownerId: null,
        parentAccountId: null,
      });
    }
    for (const [partner, crmId] of [
      ['p-a', '1'],
      ['p-b', '2'],
    ] as const) {
      await store.partners.upsert(buildPartner({ id: partner }));
      await store.registrations.upsert({
        id: `r-${partner}`,
        partnerId: partner,
        customer: { name: 'Acme' },
        accountId: hubspotIds.company(crmId),
        dealId: null,
        status: 'approved',
        amountMinor: null,
        currency: null,
        expectedCloseDate: null,
        notes: null,
        submittedAt: '2026-10-01T00:00:00.000Z',
        decidedAt: null,
        protectedUntil: null,
      });
    }
    await store.crmSync.insertChanges([
      change({ eventId: 'm1', objectId: '1', occurredAt: 1000, change: 'merged', mergedIds: ['2'] }),
      // Arrives late and older than the merge: must not resurrect anything.
      change({ eventId: 'c0', objectId: '2', occurredAt: 500, change: 'updated' }),
    ]);
    await applyInboundChanges(app.ctx, TENANT, fakePort({ '1': 'Acme (merged)' }));

    expect(await store.accounts.get(hubspotIds.company('2'))).toBeUndefined();
    expect((await store.accounts.get(hubspotIds.company('1')))?.name).toBe('Acme (merged)');
    const onSurvivor = await store.registrations.listByAccount(hubspotIds.company('1'));
    expect(onSurvivor.map((r) => r.id).sort()).toEqual(['r-p-a', 'r-p-b']);
    expect(await store.crmSync.pendingWrites('companies', 10)).toEqual([
      expect.objectContaining({ crmId: '1', fields: { conflictFlag: true } }),
    ]);
  });

  it('When a deletion and an older creation arrive out of order, then the record stays deleted; a later restore brings it back', async () => {
    const store = app.ctx.store.forTenant(TENANT);
    await store.crmSync.insertChanges([
      change({ eventId: 'd2', objectId: '7', occurredAt: 2000, change: 'deleted' }),
      change({ eventId: 'd1', objectId: '7', occurredAt: 1000, change: 'created' }),
    ]);
    await applyInboundChanges(app.ctx, TENANT, fakePort({ '7': 'Gone Ltd' }));
    expect(await store.accounts.get(hubspotIds.company('7'))).toBeUndefined();
    await store.crmSync.insertChanges([
      change({ eventId: 'd3', objectId: '7', occurredAt: 3000, change: 'restored' }),
    ]);
    await applyInboundChanges(app.ctx, TENANT, fakePort({ '7': 'Back Ltd' }));
    expect((await store.accounts.get(hubspotIds.company('7')))?.name).toBe('Back Ltd');
  });
});
