import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config/config.js';
import { createLogger } from './observability/logger.js';
import { startContext, startService } from './service.js';
import { migrate } from './store/migrate.js';
import { openDatabase } from './store/openDatabase.js';
import { claimJobs, enqueueJob } from './store/repositories/jobQueue.js';

const production = (dataDir: string, env: Record<string, string> = {}) =>
  loadConfig({
    ENTENTE_MODE: 'production',
    HUBSPOT_CLIENT_ID: 'client-id',
    HUBSPOT_CLIENT_SECRET: 'client-secret',
    ENCRYPTION_KEY: 'a'.repeat(64),
    ENTENTE_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...env,
  });

const listeningAddress = (server: { address(): unknown }) =>
  (server.address() as { address: string } | null)?.address;

describe('starting the service on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'entente-service-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('When a job was left running by a process that died, then start puts it back in the queue at once, without counting the attempt', async () => {
    const kind = 'governance.review_due';
    const crashedAt = new Date();
    const before = await openDatabase({ databaseUrl: undefined, dataDir });
    let jobId: number | undefined;
    try {
      await migrate(before);
      await enqueueJob(before, { tenantId: null, kind, payload: {}, runAt: crashedAt });
      // The previous process claimed it (lease: a minute from now) and was killed while running it.
      const [claimed] = await claimJobs(before, { kinds: [kind], limit: 1, leaseMs: 60_000, now: crashedAt });
      expect(claimed?.attempts).toBe(1);
      jobId = claimed?.id;
    } finally {
      await before.close();
    }

    const ctx = await startContext(production(dataDir), createLogger('silent'));
    try {
      const again = await claimJobs(ctx.store.db, {
        kinds: [kind],
        limit: 1,
        leaseMs: 60_000,
        now: new Date(crashedAt.getTime() + 1_000),
      });
      expect(again.map((job) => ({ id: job.id, attempts: job.attempts }))).toEqual([
        { id: jobId, attempts: 1 },
      ]);
    } finally {
      await ctx.store.db.close();
    }
  });
});

describe('idempotency keys left in progress by a process that died', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'entente-claims-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('When the embedded database starts with an unfinished claim, then the claim is released and a finished one kept', async () => {
    const before = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      await migrate(before);
      await before.query(
        `INSERT INTO tenants (id, name, crm, external_id, status, sandbox) VALUES ('t-claims', 'T', 'hubspot', '777', 'active', false)`,
      );
      await before.query(
        `INSERT INTO idempotency_keys (tenant_id, principal, key, request_hash, claimed_at, status, response)
         VALUES ('t-claims', 'partner:p', 'died', 'h1', now(), NULL, NULL),
                ('t-claims', 'partner:p', 'done', 'h2', now(), 201, '{}')`,
      );
    } finally {
      await before.close();
    }
    const ctx = await startContext(production(dataDir), createLogger('silent'));
    try {
      const { rows } = await ctx.store.db.query<{ key: string }>(
        `SELECT key FROM idempotency_keys WHERE tenant_id = 't-claims' ORDER BY key`,
      );
      expect(rows.map((r) => r.key)).toEqual(['done']);
    } finally {
      await ctx.store.db.close();
    }
  });
});

describe('the address the service listens on', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'entente-listen-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('When started in sandbox mode without HOST, then it listens on 127.0.0.1 only', async () => {
    // The sandbox serves its admin token and every partner key unauthenticated (/sandbox/fixture).
    const service = await startService(
      loadConfig({ ENTENTE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }),
      createLogger('silent'),
    );
    try {
      expect(service.ctx.config.sandbox).toBe(true);
      expect(listeningAddress(service.server)).toBe('127.0.0.1');
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  }, 120_000);

  it('When started in production without HOST, then it listens on all interfaces; with HOST, there', async () => {
    const everywhere = await startService(production(dataDir), createLogger('silent'));
    try {
      expect(['::', '0.0.0.0']).toContain(listeningAddress(everywhere.server));
      expect((await fetch(`${everywhere.url}/healthz`)).status).toBe(200);
    } finally {
      await everywhere.stop();
    }
    const loopback = await startService(production(dataDir, { HOST: '127.0.0.1' }), createLogger('silent'));
    try {
      expect(listeningAddress(loopback.server)).toBe('127.0.0.1');
    } finally {
      await loopback.stop();
    }
  });

  it('When the port is already taken, then start fails naming the address and closes the database', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      await expect(
        startService(production(dataDir, { HOST: '127.0.0.1', PORT: String(port) }), createLogger('silent')),
      ).rejects.toThrow(`127.0.0.1:${port} is already in use`);
      // The data dir is free again: another start can open it.
      const ctx = await startContext(production(dataDir), createLogger('silent'));
      await ctx.store.db.close();
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
