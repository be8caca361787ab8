import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The `entente` command as a newcomer runs it: a real process, real files, real signals. These
 * tests need the build (`npm test` builds first).
 */
const entente = resolve(__dirname, '../../server/bin/entente.js');

type Started = { child: ChildProcessWithoutNullStreams; url: string; output: () => string };

const run = (args: string[], env: Record<string, string>) =>
  spawn(process.execPath, [entente, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
  });

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });

const serve = (env: Record<string, string>): Promise<Started> =>
  new Promise((done, fail) => {
    const child = run(['serve'], { PORT: '0', ...env });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (match?.[1]) done({ child, url: match[1], output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => fail(new Error(`serve exited with ${code}:\n${out}`)));
  });

const stop = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((done) => {
    child.on('close', (code) => done(code));
    child.kill('SIGTERM');
  });

describe('entente serve', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'entente-serve-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('When PORT is not a number, then the process exits non-zero naming PORT', async () => {
    const result = await exitOf(run(['serve'], { PORT: 'abc', ENTENTE_DATA_DIR: dataDir }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/PORT: must be a whole number/);
  });

  it('When the data dir cannot be written, then start fails with a clear message', async () => {
    // A path below a regular file can never be created.
    const blocker = join(dataDir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = await exitOf(run(['serve'], { PORT: '0', ENTENTE_DATA_DIR: join(blocker, 'data') }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/cannot be written/);
  });

  it('When DATABASE_URL points nowhere, then start fails saying the database cannot be reached', async () => {
    const result = await exitOf(
      run(['serve'], { PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Cannot reach the database at postgres:\/\/\*\*\*@127\.0\.0\.1:1/);
  });

  it('When started with zero configuration, then it serves in sandbox mode and a restart keeps the data without re-seeding', async () => {
    const first = await serve({ ENTENTE_DATA_DIR: dataDir });
    expect(first.output()).toMatch(/SANDBOX mode/);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    const fixture = await (await fetch(`${first.url}/sandbox/fixture`)).json();

    // A second process on the same data dir is refused: two writers would corrupt PGlite's files.
    const second = await exitOf(run(['serve'], { PORT: '0', ENTENTE_DATA_DIR: dataDir }));
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/in use by another Entente process/);

    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toMatch(/stopped cleanly/);

    const again = await serve({ ENTENTE_DATA_DIR: dataDir });
    expect(again.output()).not.toMatch(/sandbox tenant seeded/);
    const fixtureAgain = await (await fetch(`${again.url}/sandbox/fixture`)).json();
    // The simulated portal listens on a new port each start and hands out a fresh token.
    const lasting = ({ hubspot, ...rest }: { hubspot: Record<string, unknown> }) => {
      const { apiBaseUrl: _url, accessToken: _token, ...app } = hubspot;
      return { ...rest, hubspot: app };
    };
    expect(lasting(fixtureAgain)).toEqual(lasting(fixture));
    expect(fixtureAgain.hubspot).toMatchObject({
      apiBaseUrl: expect.any(String),
      accessToken: expect.any(String),
    });
    expect(await stop(again.child)).toBe(0);
  });
});

describe('entente migrate', () => {
  it('When run twice on a data dir, then the second run has nothing to apply', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'entente-migrate-'));
    try {
      const first = await exitOf(run(['migrate'], { ENTENTE_DATA_DIR: dataDir }));
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/applied migrations 1/);
      const second = await exitOf(run(['migrate', '--status'], { ENTENTE_DATA_DIR: dataDir }));
      expect(second.stdout).toMatch(/pending: none/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('When --help is asked of any command, then it explains itself', async () => {
    const result = await exitOf(run(['migrate', '--help'], {}));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Apply pending database migrations/);
  });
});
