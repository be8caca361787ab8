import type { Database } from './database.js';
import { migrate, migrationStatus } from './migrate.js';
import { openTestDatabase } from './testing.js';
import { migrations } from './migrations/index.js';

describe('migrations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('When the store is opened for tests, then every migration is current', async () => {
    const status = await migrationStatus(db);
    expect(status.pending).toEqual([]);
    expect(status.current).toBe(migrations.at(-1)?.version);
  });

  it('When migrate runs again, then nothing is applied twice', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('When an applied migration was edited, then migrating refuses with a code', async () => {
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, edited)).rejects.toMatchObject({ code: 'STORE.MIGRATION_CHANGED' });
  });

  it('When the list of migrations is out of order or repeats a version, then migrating refuses', async () => {
    const [first, ...rest] = migrations;
    await expect(migrate(db, [...rest, first!])).rejects.toMatchObject({ code: 'STORE.MIGRATION_ORDER' });
    await expect(migrate(db, [first!, first!])).rejects.toMatchObject({ code: 'STORE.MIGRATION_ORDER' });
  });

  it('When int8 and date columns are read, then they come back as numbers and calendar dates', async () => {
    const { rows } = await db.query<{ n: number; d: string }>(
      "SELECT 9007199254740991::bigint AS n, DATE '2026-03-31' AS d",
    );
    expect(rows[0]).toEqual({ n: 9007199254740991, d: '2026-03-31' });
  });

  it('When a transaction fails, then none of its writes stay', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          "INSERT INTO tenants (id, name, crm, external_id) VALUES ('t-x', 'X', 'sandbox', 'x')",
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query("SELECT 1 FROM tenants WHERE id = 't-x'")).rows).toHaveLength(0);
  });
});
