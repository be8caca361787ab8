import type { Database } from './database.js';
import { createStore, type Store } from './store.js';
import { openTestDatabase } from './testing.js';

const tenant = (id: string) => ({
  id,
  name: id,
  crm: 'hubspot' as const,
  externalId: id.replace(/\D/g, ''),
  status: 'active' as const,
  sandbox: false,
});

/** The connector's own tables (tokens, cursors, inbox, outbox, contacts) are tenant-scoped too. */
describe('connector data is per tenant', () => {
  let db: Database;
  let store: Store;
  const at = new Date('2026-06-01T00:00:00Z');
  beforeAll(async () => {
    db = await openTestDatabase();
    store = createStore(db);
    await store.tenants.upsert(tenant('hubspot-111'));
    await store.tenants.upsert(tenant('hubspot-222'));
    const a = store.forTenant('hubspot-111');
    await a.crmTokens.save({
      accessToken: 'cipher-a',
      refreshToken: 'cipher-r',
      expiresAt: '2026-06-01T00:30:00.000Z',
      scopes: ['oauth'],
    });
    await a.crmSync.saveCursor({ name: 'backfill:deals', cursor: '500', records: 500, done: false });
    await a.crmSync.insertChanges([
      {
        eventId: 'e-1',
        objectKind: 'deals',
        objectId: '9',
        occurredAt: 1,
        change: 'created',
        madeByEntente: false,
        ententeField: null,
        value: null,
        mergedIds: [],
      },
    ]);
    await a.crmSync.enqueueWrite('deals', '9', { partner: 'Northwind' }, at);
    await a.contacts.upsert({
      id: 'c-1',
      crmId: '1',
      email: 'buyer@acme.example',
      firstName: 'Bo',
      lastName: 'Buyer',
      jobTitle: null,
      phone: null,
      accountId: null,
      ownerId: null,
    });
  });
  afterAll(() => db.close());

  it('When another tenant reads the connector tables, then it finds none of the first tenant’s rows', async () => {
    const b = store.forTenant('hubspot-222');
    expect(await b.crmTokens.get()).toBeUndefined();
    expect((await b.crmSync.getCursor('backfill:deals')).cursor).toBeNull();
    expect(await b.crmSync.pendingChanges(10)).toEqual([]);
    expect(await b.crmSync.pendingWrites('deals', 10)).toEqual([]);
    expect(await b.contacts.get('c-1')).toBeUndefined();
    expect(await b.contacts.count()).toBe(0);
  });

  it('When another tenant purges its tokens or finishes its writes, then the first tenant’s stay', async () => {
    const b = store.forTenant('hubspot-222');
    await b.crmTokens.purge();
    await b.crmSync.finishEvent('e-1', 'applied', 'not mine');
    const a = store.forTenant('hubspot-111');
    expect((await a.crmTokens.get())?.accessToken).toBe('cipher-a');
    expect(await a.crmSync.pendingChanges(10)).toHaveLength(1);
    expect(await a.crmSync.pendingWrites('deals', 10)).toEqual([
      expect.objectContaining({ crmId: '9', fields: { partner: 'Northwind' } }),
    ]);
  });
});
