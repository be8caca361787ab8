import { buildUser } from '@entente/shared/testing';
import type { Database } from '../database.js';
import { createStore, type Store } from '../store.js';
import { openTestDatabase } from '../testing.js';

describe('users: roles and the admins lock', () => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDatabase();
    store = createStore(db);
    await store.tenants.upsert({
      id: 't-roles',
      name: 'Roles',
      crm: 'sandbox',
      externalId: 't-roles',
      status: 'active',
      sandbox: true,
    });
    const users = store.forTenant('t-roles').users;
    await users.upsert(buildUser({ id: 'u-a', roles: ['admin'] }));
    await users.upsert(buildUser({ id: 'u-b', roles: ['seller', 'admin'] }));
    await users.upsert(buildUser({ id: 'u-c', roles: ['admin'], active: false }));
    await users.upsert(buildUser({ id: 'u-d', roles: ['seller'] }));
  });
  afterAll(() => db.close());

  it('When roles are set, then only the roles change and the active admins are the active users with the admin role', async () => {
    const users = store.forTenant('t-roles').users;
    const before = (await users.get('u-d'))!;
    expect(await users.setRoles('u-d', ['seller', 'deal_desk'])).toBe(true);
    expect(await users.get('u-d')).toEqual({ ...before, roles: ['seller', 'deal_desk'] });
    expect(await users.setRoles('u-missing', ['seller'])).toBe(false);
    expect(await store.forTenant('t-other').users.setRoles('u-d', ['admin'])).toBe(false);
    expect(await store.inTransaction('t-roles', (tx) => tx.users.lockActiveAdmins())).toEqual(['u-a', 'u-b']);
  });

  it('When one transaction holds the admins and demotes one, then a second waits and afterwards no longer counts the demoted admin', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let signalLocked!: () => void;
    const locked = new Promise<void>((resolve) => (signalLocked = resolve));
    const first = store.inTransaction('t-roles', async (tx) => {
      const admins = await tx.users.lockActiveAdmins();
      await tx.users.setRoles('u-a', ['seller']);
      signalLocked();
      await held;
      return admins;
    });
    await locked;
    let secondLocked = false;
    const second = store.inTransaction('t-roles', async (tx) => {
      const admins = await tx.users.lockActiveAdmins();
      secondLocked = true;
      return admins;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(secondLocked).toBe(false);
    } finally {
      release();
    }
    expect(await first).toEqual(['u-a', 'u-b']);
    expect(await second).toEqual(['u-b']);
  });
});
