import type { Server } from 'node:http';
import type { AppContext } from './appContext.js';
import type { Config } from './config/config.js';
import { createApp } from './http/app.js';
import { sandboxRoutes } from './sandbox/sandboxRoutes.js';
import { jobHandlers } from './jobs/handlers/index.js';
import { createJobRunner, type JobRunner } from './jobs/jobRunner.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { startSandbox, type Sandbox } from './sandbox/startSandbox.js';
import { migrate } from './store/migrate.js';
import type { Database } from './store/database.js';
import { openDatabase } from './store/openDatabase.js';
import { createStore } from './store/store.js';

export type RunningService = {
  ctx: AppContext;
  jobs: JobRunner;
  server: Server;
  url: string;
  stop(): Promise<void>;
};

/** Assembles the context from an open, migrated database. Tests use it with their own database. */
export const buildContext = (
  config: Config,
  db: Database,
  logger: Logger,
  now: () => Date = () => new Date(),
): AppContext => ({
  config,
  store: createStore(db),
  logger,
  metrics: createMetrics(),
  now,
  lifecycle: { shuttingDown: false },
});

const sandboxes = new WeakMap<AppContext, Sandbox>();

/**
 * Opens the store, applies migrations and builds the context. In sandbox mode it also starts the
 * simulated HubSpot portal and points the connector at it; `startService` then installs from it.
 */
export const startContext = async (
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<AppContext> => {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    if (!config.sandbox) return buildContext(config, db, logger);
    const sandbox = await startSandbox(config, createStore(db), logger);
    const ctx = buildContext(sandbox.config, db, logger);
    sandboxes.set(ctx, sandbox);
    return ctx;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
};

/**
 * Starts the HTTP service. `stop()` is the graceful path (SIGTERM): stop accepting connections,
 * let in-flight requests finish, then close the database.
 */
export const startService = async (config: Config, logger?: Logger): Promise<RunningService> => {
  const ctx = await startContext(config, logger);
  const sandbox = sandboxes.get(ctx);
  const app = createApp(ctx, { extraRoutes: sandboxRoutes(ctx, sandbox?.crmAccess) });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, () => resolve(listening));
    listening.once('error', reject);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await sandbox?.close();
    await ctx.store.db.close();
    throw error.code === 'EADDRINUSE'
      ? new Error(`Port ${config.port} is already in use: stop the other process or set PORT.`)
      : error;
  });
  const jobs = createJobRunner({
    db: ctx.store.db,
    logger: ctx.logger,
    now: ctx.now,
    handlers: jobHandlers(ctx),
  });
  // Keep-alive sockets must not outlive the drain.
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (sandbox) {
    try {
      await sandbox.bringUp({ ctx, jobs, port });
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
      await ctx.store.db.close();
      throw error;
    }
  }
  jobs.start();
  let stopping: Promise<void> | undefined;
  return {
    ctx,
    jobs,
    server,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      (stopping ??= (async () => {
        ctx.lifecycle.shuttingDown = true;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await jobs.stop();
        await sandbox?.close();
        await ctx.store.db.close();
      })()),
  };
};
