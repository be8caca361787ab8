import { sandboxFixture } from '../sandbox/sandboxFixture.js';
import { seedSandbox } from '../sandbox/seedSandbox.js';
import { percentile, round, type Benchmark } from './benchmark.js';
import { startBenchService } from './benchService.js';
import { runCardLoad } from './cardClientProcess.js';
import { createThrowawayDatabase } from './throwawayPostgres.js';

export type DealCardBench = {
  requests: number;
  concurrency: number;
  deals: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  requests_per_s: number;
};

/**
 * The signed deal card (`GET /hubspot/cards/deals/:id`) over HTTP on the sandbox tenant, as
 * HubSpot calls it: every request signed (v3) for a seller, at HubSpot's 20 concurrent fetches
 * per app and account. Deals are cycled so caches cannot answer for one hot record. The requests
 * come from another process, as they come from HubSpot in production.
 */
export const benchDealCard = async (options: {
  requests: number;
  concurrency: number;
  warmUp: number;
  engine?: 'pglite' | 'postgres';
}): Promise<DealCardBench> => {
  const postgres = options.engine === 'postgres' ? await createThrowawayDatabase() : undefined;
  const service = await startBenchService({ ENTENTE_MODE: 'sandbox' }, { databaseUrl: postgres?.url });
  try {
    await seedSandbox(service.ctx.store, new Date());
    const fixture = await sandboxFixture(service.ctx.store, service.ctx.config);
    if (!fixture?.hubspot) throw new Error('the sandbox fixture has no HubSpot app');
    const signer = { publicUrl: service.url, ...fixture.hubspot };
    const sellers = fixture.users.filter((u) => u.roles.includes('seller'));
    const deals = fixture.deals;
    const calls = Array.from({ length: deals.length }, (_, index) => {
      const deal = deals[(index * 7) % deals.length]!;
      const user = sellers[index % sellers.length]!;
      return {
        path: `/hubspot/cards/deals/${deal.crmId}`,
        user: { hubspotUserId: user.hubspotUserId, email: user.email },
      };
    });
    const { latencies, seconds, failures } = await runCardLoad({
      signer,
      calls,
      requests: options.requests,
      warmUp: options.warmUp,
      concurrency: options.concurrency,
    });
    if (failures.length > 0) throw new Error(`deal card requests failed: ${failures.join('; ')}`);
    return {
      requests: options.requests,
      concurrency: options.concurrency,
      deals: deals.length,
      p50_ms: round(percentile(latencies, 50), 2),
      p99_ms: round(percentile(latencies, 99), 2),
      max_ms: round(latencies.at(-1) ?? 0, 2),
      requests_per_s: Math.round(options.requests / seconds),
    };
  } finally {
    await service.close();
    await postgres?.drop();
  }
};

/** One suite entry per engine; an unreachable PostgreSQL is an error on its own key. */
export const dealCardBenchmark = (engine: 'pglite' | 'postgres'): Benchmark => {
  const key = engine === 'postgres' ? 'card.deal.postgres.p99_ms' : 'card.deal.p99_ms';
  return {
    name: engine === 'postgres' ? 'card-deal-postgres' : 'card-deal',
    description: `the signed deal card over HTTP on the sandbox tenant, 20 concurrent requests (${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'})`,
    keys: [key],
    run: async ({ quick }) => {
      const inputs = { requests: quick ? 600 : 4_000, concurrency: 20, warmUp: 100, engine };
      const result = await benchDealCard(inputs);
      return {
        inputs,
        keys: {
          [key]: {
            value: result.p99_ms,
            unit: 'ms',
            target: { direction: 'at_most', value: 100 },
            p50_ms: result.p50_ms,
            p99_ms: result.p99_ms,
            notes: `${result.requests_per_s} requests/s over ${result.deals} deals`,
          },
        },
        details: result,
      };
    },
  };
};
