import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(240_000);

/**
 * A newcomer's first `npm start` stopped at any point of the sandbox's setup (Ctrl-C or kill -9)
 * is finished by the next start. These drive the built `entente serve` (npm test builds first).
 */
const entente = resolve(__dirname, '../../server/bin/entente.js');

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

type Running = { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<unknown> };

const serve = (dataDir: string, port: number): Running => {
  const child = spawn(process.execPath, [entente, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      ENTENTE_DATA_DIR: dataDir,
    },
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise((done) => child.on('close', done));
  return { child, output: () => out, exited };
};

const until = async (check: () => boolean | Promise<boolean>, withinMs: number, what: string) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
};

const readyz = (port: number) =>
  fetch(`http://127.0.0.1:${port}/readyz`).then(
    async (r) => ({ status: r.status, body: (await r.json()) as { checks: { settingUp: boolean } } }),
    () => undefined,
  );

type Fixture = {
  deals: unknown[];
  partners: unknown[];
  registrations: unknown[];
  scenarios: { conflictedApproval?: unknown };
};

describe('a first start stopped during the sandbox setup', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  // Killed before anything, while the backfill runs, while Entente's data is seeded, and while the
  // walkthrough's partner registers.
  it.each([
    ['as it starts', null],
    ['during the backfill', '✓ install'],
    ['during the seed', '✓ backfill'],
    ['during the partner registration', '✓ seed'],
  ])(
    'When the first start is killed (kill -9) %s, then the next start completes the sandbox',
    async (_when, after) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'entente-interrupted-'));
      dirs.push(dataDir);
      const port = await freePort();
      const first = serve(dataDir, port);
      if (after) await until(() => first.output().includes(after), 60_000, after);
      else await until(() => /migrated|simulated HubSpot portal/.test(first.output()), 60_000, 'the start');
      first.child.kill('SIGKILL');
      await first.exited;

      const again = serve(dataDir, port);
      try {
        await until(() => /Try next|already set up|"url":/.test(again.output()), 90_000, 'the second start');
        await until(async () => (await readyz(port))?.status === 200, 30_000, '/readyz 200');
        const fixture = (await (await fetch(`http://127.0.0.1:${port}/sandbox/fixture`)).json()) as Fixture;
        expect(fixture.deals).toHaveLength(400);
        expect(fixture.partners).toHaveLength(6);
        expect(fixture.registrations.length).toBeGreaterThanOrEqual(40);
        expect(fixture.scenarios.conflictedApproval).toBeTruthy();
      } finally {
        again.child.kill('SIGTERM');
        await again.exited;
      }
    },
  );

  it('When the sandbox is still being set up, then /readyz says 503 and the fixture 503 with a code; once ready, 200', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'entente-readiness-'));
    dirs.push(dataDir);
    const port = await freePort();
    const running = serve(dataDir, port);
    try {
      await until(async () => (await readyz(port)) !== undefined, 60_000, 'the service to answer');
      const early = await readyz(port);
      expect(early).toMatchObject({ status: 503, body: { checks: { settingUp: true } } });
      const fixture = await fetch(`http://127.0.0.1:${port}/sandbox/fixture`);
      expect(fixture.status).toBe(503);
      expect(((await fixture.json()) as { error: { code: string } }).error.code).toBe('SANDBOX.SETTING_UP');
      await until(async () => (await readyz(port))?.status === 200, 90_000, '/readyz 200');
      expect((await fetch(`http://127.0.0.1:${port}/sandbox/fixture`)).status).toBe(200);
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }
  });
});
