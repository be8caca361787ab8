import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The layering rules of .dependency-cruiser.cjs, run as `npm run lint:layers` runs them, against a
 * small fixture shaped like server/src (fixtures/server/src), so the test does not depend on the
 * real service being clean. dependency-cruiser is ESM-only, so it runs as its CLI, not in Jest.
 */
const repoRoot = resolve(__dirname, '../..');
const depcruise = resolve(repoRoot, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const fixture = 'test/architecture/fixtures/server/src';

type Violation = { type: string; from: string; to: string; rule: { name: string; severity: string } };

const depcruiseOn = (...args: string[]) =>
  spawnSync(process.execPath, [depcruise, fixture, '--config', '.dependency-cruiser.cjs', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });

const cruise = () => {
  const run = depcruiseOn('--output-type', 'json');
  if (!run.stdout) throw new Error(`depcruise printed nothing (exit ${run.status}):\n${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[]; error: number } }).summary;
};

const at = (file: string) => `${fixture}/${file}`;

describe('layering rules (.dependency-cruiser.cjs)', () => {
  let result: ReturnType<typeof cruise>;
  beforeAll(() => {
    result = cruise();
  });

  const violationsFrom = (file: string) =>
    result.violations.filter((v) => v.from === at(file)).map((v) => ({ rule: v.rule.name, to: v.to }));

  it('When a store module imports a use case, then no-upward-store names the import', () => {
    expect(violationsFrom('store/repo.ts')).toEqual([
      { rule: 'no-upward-store', to: at('use-cases/story.ts') },
    ]);
  });

  it('When there are violations, then the run exits non-zero naming the rule and the file', () => {
    // The json reporter always exits 0; the default one (what lint:layers prints) carries the verdict.
    const run = depcruiseOn();
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain(`no-upward-store: ${at('store/repo.ts')}`);
  });

  it('When the upward import is type-only, then it is still reported', () => {
    expect(violationsFrom('config/settings.ts')).toEqual([
      { rule: 'no-upward-foundation', to: at('store/repo.ts') },
    ]);
  });

  it('When jobs-core imports a job handler, then jobs/handlers/ counts as the entry-point layer above it', () => {
    expect(violationsFrom('jobs/queue.ts')).toEqual([
      { rule: 'no-upward-jobs-core', to: at('jobs/handlers/handler.ts') },
    ]);
  });

  it('When one entry point imports another, then no-sibling-entry-points reports it', () => {
    expect(violationsFrom('jobs/handlers/handler.ts')).toEqual([
      { rule: 'no-sibling-entry-points', to: at('http/route.ts') },
    ]);
  });

  it('When two modules of one layer import each other, then the cycle is reported as no-circular', () => {
    const cycles = result.violations.filter((v) => v.rule.name === 'no-circular');
    expect(cycles).toHaveLength(1);
    expect([cycles[0]?.from, cycles[0]?.to].sort()).toEqual([
      at('use-cases/first.ts'),
      at('use-cases/second.ts'),
    ]);
  });

  it('When an entry point imports a use case (downward), then nothing is reported for it', () => {
    expect(violationsFrom('http/route.ts')).toEqual([]);
  });

  it('When a module is in no layer, then it is a warning, not an error', () => {
    expect(result.violations.filter((v) => v.from === at('legacy/old.ts')).map((v) => v.rule)).toEqual([
      { name: 'not-in-a-layer', severity: 'warn' },
    ]);
    expect(result.error).toBe(5);
  });
});
