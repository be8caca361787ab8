import { createStore } from '../store/store.js';
import { openTestDatabase } from '../store/testing.js';
import { seedSandbox } from './seedSandbox.js';

describe('the sandbox seed', () => {
  it('When past registrations are seeded as approved, then each gets its protection expiry, as a decision would', async () => {
    const db = await openTestDatabase();
    try {
      const store = createStore(db);
      const now = new Date('2026-11-02T09:00:00.000Z');
      await seedSandbox(store, now);
      const protectedOnes = (await store.forTenant('sandbox').registrations.list({ limit: 10_000 })).filter(
        (r) => (r.status === 'approved' || r.status === 'extended') && r.protectedUntil,
      );
      expect(protectedOnes.length).toBeGreaterThan(0);
      const { rows } = await db.query<{ registration_id: string }>(
        `SELECT payload->>'registrationId' AS registration_id FROM jobs
         WHERE tenant_id = 'sandbox' AND kind = 'governance.protection_expiry'`,
      );
      const scheduled = new Set(rows.map((r) => r.registration_id));
      expect(protectedOnes.filter((r) => !scheduled.has(r.id))).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
