import { buildAccount, buildDeal, buildPartner, buildRegistration, buildUser } from '@entente/shared/testing';
import type { Database } from './database.js';
import { createStore, type Store } from './store.js';
import { openTestDatabase } from './testing.js';

const tenant = (id: string) => ({
  id,
  name: id,
  crm: 'sandbox' as const,
  externalId: id,
  status: 'active' as const,
  sandbox: true,
});

describe('store', () => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDatabase();
    store = createStore(db);
    await store.tenants.upsert(tenant('t-a'));
    await store.tenants.upsert(tenant('t-b'));
  });
  afterAll(() => db.close());

  it('When two tenants store a record with the same id, then each sees only its own', async () => {
    const a = store.forTenant('t-a');
    const b = store.forTenant('t-b');
    await a.accounts.upsert(buildAccount({ id: 'acc-1', name: 'Alpha Inc' }));
    await b.accounts.upsert(buildAccount({ id: 'acc-1', name: 'Beta GmbH' }));
    expect((await a.accounts.get('acc-1'))?.name).toBe('Alpha Inc');
    expect((await b.accounts.get('acc-1'))?.name).toBe('Beta GmbH');
    expect(await store.forTenant('t-c').accounts.get('acc-1')).toBeUndefined();
  });

  it('When entities round-trip through the store, then they come back unchanged', async () => {
    const s = store.forTenant('t-a');
    const user = buildUser({ id: 'u-1', roles: ['seller', 'partner_manager'] });
    const account = buildAccount({
      id: 'acc-2',
      domains: ['acme.com', 'acme.io'],
      address: { city: 'Leeds' },
    });
    const deal = buildDeal({
      id: 'deal-1',
      accountId: 'acc-2',
      amountMinor: 12_345_678,
      closeDate: '2026-12-31',
      splits: [{ userId: 'u-1', role: 'owner', percent: 100 }],
    });
    const partner = buildPartner({ id: 'p-1' });
    const registration = buildRegistration({
      id: 'r-1',
      partnerId: 'p-1',
      accountId: 'acc-2',
      dealId: 'deal-1',
    });
    await s.users.upsert(user);
    await s.accounts.upsert(account);
    await s.deals.upsert(deal);
    await s.partners.upsert(partner);
    await s.registrations.upsert(registration);
    expect(await s.users.get('u-1')).toEqual(user);
    expect(await s.accounts.get('acc-2')).toEqual(account);
    expect(await s.deals.get('deal-1')).toEqual(deal);
    expect(await s.partners.get('p-1')).toEqual(partner);
    expect(await s.registrations.get('r-1')).toEqual(registration);
    expect(await s.registrations.listByDeal('deal-1')).toEqual([registration]);
  });

  it('When a transaction throws, then the tenant data written inside it is rolled back', async () => {
    await expect(
      store.inTransaction('t-b', async (s) => {
        await s.accounts.upsert(buildAccount({ id: 'acc-rollback' }));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await store.forTenant('t-b').accounts.get('acc-rollback')).toBeUndefined();
  });

  it('When accounts are listed page by page, then every account appears exactly once', async () => {
    const s = store.forTenant('t-b');
    for (let i = 0; i < 25; i++)
      await s.accounts.upsert(buildAccount({ id: `page-${String(i).padStart(2, '0')}` }));
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const page = await s.accounts.list({ after, limit: 7 });
      if (page.length === 0) break;
      seen.push(...page.map((a) => a.id));
      after = page.at(-1)!.id;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => id.startsWith('page-'))).toHaveLength(25);
  });
});
