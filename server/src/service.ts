import { createServer, type Server } from 'node:http';
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
import { releaseOrphanedClaims } from './store/repositories/idempotency.js';
import { releaseOrphanedJobs } from './store/repositories/jobQueue.js';
import { createStore } from './store/store.js';

export type RunningService = {
  ctx: AppContext;
  jobs: JobRunner;
  server: Server;
  /** Where this machine reaches the service (127.0.0.1 when it listens on every interface). */
  url: string;
  /** The address and port it listens on: `::` or `0.0.0.0` is every interface. */
  listening: { address: string; port: number };
  stop(): Promise<void>;
};

const WILDCARDS = new Set(['::', '0.0.0.0']);

/** A URL for the service's own address: loopback for a wildcard, brackets for IPv6. */
const localUrl = (address: string, port: number): string => {
  const host = WILDCARDS.has(address) ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}`;
};

/**
 * Listens on `config.host`, or on every interface when it is unset (production's default; sandbox
 * mode defaults to 127.0.0.1, see `loadConfig`).
 */
const listen = (server: Server, config: Config): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.port, host: config.host }, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    const where = config.host === undefined ? `Port ${config.port}` : `${config.host}:${config.port}`;
    if (error.code === 'EADDRINUSE')
      throw new Error(`${where} is already in use: stop the other process or set PORT.`);
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
      throw new Error(`Cannot listen on ${where}: HOST is not an address of this machine.`);
    throw error;
  });

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
  lifecycle: { shuttingDown: false, settingUp: false },
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
    // The embedded database belongs to this process alone (its data dir is locked), so a job still
    // running lost its worker with the previous process: run it again now rather than when its
    // lease expires (the sandbox's first start waits for its jobs). A PostgreSQL server may be
    // shared with other live instances, whose running jobs are theirs.
    if (db.engine === 'pglite') {
      const released = await releaseOrphanedJobs(db);
      if (released > 0) logger.warn({ released }, 'jobs left running by a previous process queued again');
      const claims = await releaseOrphanedClaims(db);
      if (claims > 0)
        logger.warn({ claims }, 'idempotency keys left in progress by a previous process released');
    }
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
  const server = createServer(createApp(ctx, { extraRoutes: sandboxRoutes(ctx, sandbox?.crmAccess) }));
  await listen(server, config).catch(async (error: unknown) => {
    await sandbox?.close();
    await ctx.store.db.close();
    throw error;
  });
  const jobs = createJobRunner({
    db: ctx.store.db,
    logger: ctx.logger,
    now: ctx.now,
    handlers: jobHandlers(ctx),
  });
  // Keep-alive sockets must not outlive the drain.
  server.keepAliveTimeout = 5_000;
  const bound = server.address();
  const listening =
    typeof bound === 'object' && bound
      ? { address: bound.address, port: bound.port }
      : { address: config.host ?? '::', port: config.port };
  const { port } = listening;
  const url = localUrl(listening.address, port);
  if (sandbox) {
    try {
      // The service answers while it sets itself up (the walkthrough calls it), but says it is not ready.
      ctx.lifecycle.settingUp = true;
      await sandbox.bringUp({ ctx, jobs, port, url });
      ctx.lifecycle.settingUp = false;
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
    url,
    listening,
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
