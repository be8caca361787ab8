import type { Server } from 'node:http';
import type { AppContext } from '../appContext.js';
import { loadConfig, type Config } from '../config/config.js';
import { createApp } from '../http/app.js';
import { sandboxRoutes } from '../sandbox/sandboxRoutes.js';
import { jobHandlers } from '../jobs/handlers/index.js';
import { createJobRunner, type JobRunner } from '../jobs/jobRunner.js';
import { createLogger } from '../observability/logger.js';
import { seedSandbox } from '../sandbox/seedSandbox.js';
import { buildContext } from '../service.js';
import { openTestDatabase } from '../store/testing.js';

export type TestApp = {
  ctx: AppContext;
  url: string;
  /** Runs due jobs until none is left (the runner is not polling in tests). */
  jobs: JobRunner;
  /** Moves the service clock. */
  setNow(date: Date): void;
  close(): Promise<void>;
};

export type TestAppOptions = {
  env?: Record<string, string>;
  config?: Partial<Config>;
  now?: Date;
  /** Seed the sandbox tenant (default true). */
  seed?: boolean;
};

/**
 * The real app on a real port (0), on a fresh test database, with a clock the test controls:
 * API tests go through HTTP exactly as clients do.
 */
export const startTestApp = async (options: TestAppOptions = {}): Promise<TestApp> => {
  let now = options.now ?? new Date('2026-11-02T09:00:00.000Z');
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent', ...options.env }), ...options.config };
  const db = await openTestDatabase();
  const ctx = buildContext(config, db, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), () => now);
  if (options.seed ?? true) await seedSandbox(ctx.store, now);
  const jobs = createJobRunner({ db, logger: ctx.logger, now: ctx.now, handlers: jobHandlers(ctx) });
  const server = await new Promise<Server>((resolve) => {
    const listening = createApp(ctx, { extraRoutes: sandboxRoutes(ctx) }).listen(0, '127.0.0.1', () =>
      resolve(listening),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ctx,
    url: `http://127.0.0.1:${port}`,
    jobs,
    setNow: (date) => {
      now = date;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.close();
    },
  };
};
