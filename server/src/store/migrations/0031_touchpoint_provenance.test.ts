import type { Database } from '../database.js';
import { migrate } from '../migrate.js';
import { openPgliteDatabase } from '../pgliteDatabase.js';
import { migrations } from './index.js';

describe('migration 31: touchpoint provenance', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPgliteDatabase();
    await migrate(
      db,
      migrations.filter((m) => m.version <= 30),
    );
    await db.exec(`
      INSERT INTO tenants (id, name, crm, external_id) VALUES ('t-1', 'T', 'sandbox', 'x');
      INSERT INTO touchpoints (tenant_id, id, deal_id, participant_id, kind, occurred_at, source, evidence, recorded_at) VALUES
        ('t-1', 'crm-1', 'd-1', 'p-1', 'demo', now(), 'crm_activity', '{}', now()),
        ('t-1', 'tp_rep', 'd-1', 'p-1', 'demo', now(), 'partner_api', '{}', now()),
        ('t-1', 'tp_self_sourced', 'd-1', 'p-1', 'sourced', now(), 'partner_api', '{}', now()),
        ('t-1', 'tp-sourced-abc', 'd-1', 'p-1', 'sourced', now(), 'partner_api', '{"externalId": "registration:r-1"}', now()),
        ('t-1', 'route-1', 'd-1', 'p-2', 'introduction', now(), 'routing', '{}', now()),
        ('t-1', 'man-1', 'd-1', 'p-2', 'demo', now(), 'manual', '{}', now());
      INSERT INTO touchpoint_duplicates (tenant_id, id, deal_id, kept_id, reason, touchpoint, recorded_at) VALUES
        ('t-1', 'dup-1', 'd-1', 'crm-1', 'same', '{"id": "dup-1", "source": "partner_api", "kind": "demo", "evidence": {}}', now());
    `);
    await migrate(db);
  }, 60_000);
  afterAll(() => db.close());

  it('When stored touchpoints are migrated, then each source is renamed and the registration credit is recognised', async () => {
    const { rows } = await db.query<{ id: string; source: string }>(
      'SELECT id, source FROM touchpoints ORDER BY id',
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.source]))).toEqual({
      'crm-1': 'crm',
      'man-1': 'internal',
      'route-1': 'internal',
      'tp-sourced-abc': 'registration',
      tp_rep: 'partner_reported',
      // A partner's own claim of sourcing stays its claim: the engine ignores it from now on.
      tp_self_sourced: 'partner_reported',
    });
    const dup = await db.query<{ source: string }>(
      "SELECT touchpoint->>'source' AS source FROM touchpoint_duplicates",
    );
    expect(dup.rows).toEqual([{ source: 'partner_reported' }]);
  });

  it('When an old source is written after the migration, then the database refuses it', async () => {
    await expect(
      db.query(
        `INSERT INTO touchpoints (tenant_id, id, deal_id, participant_id, kind, occurred_at, source, recorded_at)
         VALUES ('t-1', 'late', 'd-1', 'p-1', 'demo', now(), 'partner_api', now())`,
      ),
    ).rejects.toThrow(/touchpoints_source_check/);
  });
});
