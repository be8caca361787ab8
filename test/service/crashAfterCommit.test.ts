import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../server/src/store/openDatabase.js';
import { createStore } from '../../server/src/store/store.js';

jest.setTimeout(120_000);

/** Runs the fixture in its own process and resolves with what it printed and how it ended. */
const decideThenDie = (dataDir: string) =>
  new Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [resolve(__dirname, 'fixtures/decideThenDie.mjs'), dataDir]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (_code, signal) => done({ signal, stdout, stderr }));
  });

describe('a decision whose process dies right after it commits', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'entente-crash-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('When the process is killed after the commit, then the decision, its clocks, its sourcing credit and its CRM write-back are all still there', async () => {
    const run = await decideThenDie(dataDir);
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');
    const { registrationId, dealId } = JSON.parse(run.stdout) as { registrationId: string; dealId: string };

    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      const store = createStore(db).forTenant('sandbox');
      expect(await store.registrations.get(registrationId)).toMatchObject({ status: 'approved', dealId });
      const { rows: jobs } = await db.query<{ kind: string; status: string }>(
        `SELECT kind, status FROM jobs WHERE tenant_id = 'sandbox' AND payload->>'registrationId' = $1
           OR (tenant_id = 'sandbox' AND kind = 'crm.write_back')`,
        [registrationId],
      );
      const queued = jobs.filter((j) => j.status === 'queued').map((j) => j.kind);
      // (The review's own due-time job from submission is there too; it will find the review decided.)
      expect(queued).toEqual(
        expect.arrayContaining([
          'crm.write_back',
          'governance.credit_sourcing',
          'governance.protection_expiry',
          'governance.protection_reminder',
        ]),
      );
      const deal = await store.deals.get(dealId);
      expect(await store.crmSync.pendingWrites('deals', 100)).toContainEqual(
        expect.objectContaining({
          crmId: deal?.crmId,
          fields: expect.objectContaining({ registrationStatus: 'approved', partnerRole: 'sourced' }),
        }),
      );
    } finally {
      await db.close();
    }
  });
});
