import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../appContext.js';
import { loadConfig, type Config } from '../config/config.js';
import { createApp } from '../http/app.js';
import { sandboxRoutes } from '../sandbox/sandboxRoutes.js';
import { createLogger } from '../observability/logger.js';
import { buildContext } from '../service.js';
import { migrate } from '../store/migrate.js';
import { openDatabase } from '../store/openDatabase.js';

export type BenchService = { ctx: AppContext; url: string; close(): Promise<void> };

/**
 * The real HTTP service on port 0 over a fresh embedded database (or DATABASE_URL when given), as
 * `entente serve` builds it but without jobs polling, so a benchmark measures only what it calls.
 */
export const startBenchService = async (
  env: Record<string, string>,
  options: { databaseUrl?: string; listen?: boolean } = {},
): Promise<BenchService> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'entente-bench-'));
  const config: Config = loadConfig({ LOG_LEVEL: 'silent', ENTENTE_DATA_DIR: dataDir, ...env });
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir });
  await migrate(db);
  const ctx = buildContext(config, db, createLogger('silent'));
  let server: Server | undefined;
  let url = '';
  if (options.listen ?? true) {
    server = await new Promise<Server>((resolve) => {
      const listening = createApp(ctx, { extraRoutes: sandboxRoutes(ctx) }).listen(0, '127.0.0.1', () =>
        resolve(listening),
      );
    });
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    ctx.config.publicUrl = url;
  }
  return {
    ctx,
    url,
    close: async () => {
      if (server) {
        const running = server;
        await new Promise<void>((resolve) => {
          running.close(() => resolve());
          running.closeAllConnections();
        });
      }
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Runs `total` calls of `call`, `concurrency` at a time, and returns each call's latency in ms. */
export const runConcurrently = async (
  total: number,
  concurrency: number,
  call: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; seconds: number }> => {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < total; index = next++) {
      const begin = performance.now();
      await call(index);
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
};
