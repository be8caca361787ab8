import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type Socket } from 'node:net';
import { loadConfig } from '../../server/src/config/config.js';
import { hubspotConnector } from '../../server/src/crm/hubspot/hubspotConnector.js';
import { signCardRequest } from '../../server/src/crm/hubspot/signCardRequest.js';
import { createLogger } from '../../server/src/observability/logger.js';
import { buildContext } from '../../server/src/service.js';
import { migrate } from '../../server/src/store/migrate.js';
import { openDatabase } from '../../server/src/store/openDatabase.js';

jest.setTimeout(180_000);

/**
 * `entente backfill` as an operator runs it next to a sandbox data dir: real processes, real
 * files, real signals. It needs the build (`npm test` builds first).
 */
const entente = resolve(__dirname, '../../server/bin/entente.js');
/** However the command ends, it must end by then. */
const EXIT_WITHIN_MS = 30_000;

type Fixture = {
  hubspot: { portalId: string; appId: string; clientSecret: string };
  users: { id: string; roles: string[]; hubspotUserId: string; email: string }[];
  deals: { crmId: string; stageCategory: string }[];
};

const run = (args: string[], env: Record<string, string>) =>
  spawn(process.execPath, [entente, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });

/** Runs a command to its end, or kills it once the bound has passed and says it hung. */
const runToEnd = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; hung: boolean; stderr: string; ms: number }>((done) => {
    const started = Date.now();
    const child = run(args, env);
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, EXIT_WITHIN_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, hung, stderr, ms: Date.now() - started });
    });
  });

const serve = (dataDir: string) =>
  new Promise<{ child: ChildProcessWithoutNullStreams; url: string; port: string }>((done, fail) => {
    const child = run(['serve'], { PORT: '0', ENTENTE_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:(\d+))"/.exec(out);
      // The service answers once the sandbox is up: install (or reconnect), backfill and seed.
      if (match?.[1] && match[2] && /Try next/.test(out)) done({ child, url: match[1], port: match[2] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => fail(new Error(`serve exited with ${code}:\n${out}`)));
  });

const stop = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((done) => {
    child.removeAllListeners('close');
    child.on('close', (code) => done(code));
    child.kill('SIGTERM');
  });

describe('entente backfill next to a sandbox', () => {
  let dataDir: string;
  let fixture: Fixture;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'entente-backfill-'));
    const first = await serve(dataDir);
    fixture = (await (await fetch(`${first.url}/sandbox/fixture`)).json()) as Fixture;
    expect(await stop(first.child)).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('When the sandbox tenant is backfilled from the command line, then it exits 2 saying the service backfills it, and the tenant stays installed', async () => {
    const result = await runToEnd(['backfill', '--tenant', 'sandbox', '--restart'], {
      ENTENTE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    });
    expect(result.hung).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sandbox mode/);
    expect(result.stderr).toMatch(/entente serve/);
    expect(result.stderr).not.toMatch(/UNINSTALLED|uninstalled/);

    // With HubSpot credentials configured the data dir's sandbox tenant is refused too: its
    // tokens belong to the simulated portal, which the real HubSpot would not know.
    const withCredentials = await runToEnd(['backfill', '--tenant', 'sandbox'], {
      ENTENTE_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      HUBSPOT_CLIENT_ID: 'client-id',
      HUBSPOT_CLIENT_SECRET: 'client-secret',
      ENCRYPTION_KEY: readFileSync(join(dataDir, 'encryption.key'), 'utf8').trim(),
      HUBSPOT_API_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(withCredentials.hung).toBe(false);
    expect(withCredentials.code).toBe(2);
    expect(withCredentials.stderr).toMatch(/entente serve/);

    // The next start finds the tenant installed: the fixture answers and a signed card works.
    const again = await serve(dataDir);
    try {
      expect((await fetch(`${again.url}/sandbox/fixture`)).status).toBe(200);
      const seller = fixture.users.find((u) => u.roles.includes('seller')) ?? fixture.users[0]!;
      const deal = fixture.deals.find((d) => d.stageCategory === 'open')!;
      const signed = signCardRequest(
        { publicUrl: `http://localhost:${again.port}`, ...fixture.hubspot },
        { hubspotUserId: seller.hubspotUserId, email: seller.email },
        { method: 'GET', path: `/hubspot/cards/deals/${deal.crmId}`, timestamp: Date.now() },
      );
      const card = await fetch(`${again.url}${signed.pathAndQuery}`, { headers: signed.headers });
      expect({ status: card.status, body: card.status === 200 ? 'a card' : await card.text() }).toEqual({
        status: 200,
        body: 'a card',
      });
    } finally {
      expect(await stop(again.child)).toBe(0);
    }
  });

  it('When the tenant does not exist, then it exits 2 naming it and releases the data dir', async () => {
    const env = {
      ENTENTE_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      HUBSPOT_CLIENT_ID: 'client-id',
      HUBSPOT_CLIENT_SECRET: 'client-secret',
      ENCRYPTION_KEY: readFileSync(join(dataDir, 'encryption.key'), 'utf8').trim(),
    };
    const result = await runToEnd(['backfill', '--tenant', 'hubspot-404'], env);
    expect(result.hung).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no tenant "hubspot-404"/);
    // It closed the database: the data dir's lock is released, and another command opens it at once.
    expect(existsSync(join(dataDir, 'entente.lock'))).toBe(false);
    const status = await runToEnd(['migrate', '--status'], env);
    expect(status.code).toBe(0);
  });
});

describe('entente backfill against a HubSpot that stops answering', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const hole = { sockets: new Set<Socket>(), connected: 0 };
  /** Accepts connections and never answers: every call hangs until its own timeout. */
  const blackHole = createServer((socket) => {
    hole.connected += 1;
    hole.sockets.add(socket);
    socket.on('close', () => hole.sockets.delete(socket));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const address = blackHole.address();
    dataDir = mkdtempSync(join(tmpdir(), 'entente-backfill-hole-'));
    env = {
      ENTENTE_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      HUBSPOT_CLIENT_ID: 'client-id',
      HUBSPOT_CLIENT_SECRET: 'client-secret',
      ENCRYPTION_KEY: 'ab'.repeat(32),
      HUBSPOT_API_BASE_URL: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    };
    // An installed portal with fresh tokens, as the OAuth callback leaves it.
    const db = await openDatabase({ dataDir });
    try {
      await migrate(db);
      const ctx = buildContext(loadConfig(env), db, createLogger('silent'));
      await ctx.store.tenants.upsert({
        id: 'hubspot-4242',
        name: 'A real portal',
        crm: 'hubspot',
        externalId: '4242',
        status: 'active',
        sandbox: false,
      });
      await hubspotConnector(ctx).tokens.save(
        'hubspot-4242',
        { accessToken: 'access', refreshToken: 'refresh', expiresInSeconds: 6 * 3600 },
        ['crm.objects.deals.read'],
      );
      await hubspotConnector(ctx).close();
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    for (const socket of hole.sockets) socket.destroy();
    await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('When SIGTERM arrives while a call hangs, then it exits 143 within the grace period and closes the database', async () => {
    const started = Date.now();
    const child = run(['backfill', '--tenant', 'hubspot-4242', '--restart'], env);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const ended = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    while (hole.connected === 0 && Date.now() - started < EXIT_WITHIN_MS)
      await new Promise((wait) => setTimeout(wait, 50));
    expect(hole.connected).toBeGreaterThan(0);

    const signalled = Date.now();
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
    const code = await ended;
    clearTimeout(killer);
    expect({ code, stderr }).toEqual({
      code: 143,
      stderr: expect.stringMatching(/stopping after the pages in flight/),
    });
    expect(Date.now() - signalled).toBeLessThan(EXIT_WITHIN_MS);
    expect(existsSync(join(dataDir, 'entente.lock'))).toBe(false);
  });
});
