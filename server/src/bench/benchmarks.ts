import { benchAttribution } from './attribution.js';
import { round, type Benchmark } from './benchmark.js';
import { dealCardBenchmark } from './dealCard.js';
import { benchMatchCsv, benchMatchLookup } from './match.js';
import { decisionBenchmark } from './registrationDecision.js';
import { benchSyncBackfill } from './syncBackfill.js';
import { benchWebhookIngest } from './webhookIngest.js';

/** Every benchmark of `entente bench`, in the order they run. */
export const benchmarks: readonly Benchmark[] = [
  {
    name: 'match-lookup',
    description: 'one candidate lookup (block + score) against a tenant of generated accounts, in-process',
    keys: ['match.lookup.p99_ms'],
    run: async ({ quick }) => {
      const inputs = { accounts: quick ? 100_000 : 1_000_000, lookups: quick ? 2_000 : 10_000, seed: 7 };
      const result = await benchMatchLookup(inputs);
      return {
        inputs,
        keys: {
          'match.lookup.p99_ms': {
            value: result.p99_ms,
            unit: 'ms',
            target: { direction: 'at_most', value: 5 },
            p50_ms: result.p50_ms,
            p99_ms: result.p99_ms,
          },
        },
        details: result,
      };
    },
  },
  {
    name: 'match-csv',
    description:
      '`entente match` end to end (decode, parse, block, score, cluster, write) on a generated CSV',
    keys: ['match.csv.rows_per_s'],
    run: async ({ quick }) => {
      const inputs = { rows: quick ? 10_000 : 100_000, seed: 11 };
      const result = await benchMatchCsv(inputs);
      return {
        inputs,
        keys: {
          'match.csv.rows_per_s': {
            value: result.rows_per_s,
            unit: 'rows/s',
            target: { direction: 'at_least', value: 2_000 },
            notes: `${result.rows} rows in ${result.seconds} s`,
          },
        },
        details: result,
      };
    },
  },
  {
    name: 'attribution',
    description:
      'attribute closed deals with ~10 touchpoints each; rule-based models (data-driven reported apart)',
    keys: ['attribution.deals_per_s'],
    run: async ({ quick }) => {
      const inputs = {
        deals: quick ? 20_000 : 100_000,
        touchpointsPerDeal: 10,
        partners: 500,
        seed: 42,
        dataDrivenDeals: quick ? 2_000 : 20_000,
      };
      const result = await benchAttribution(inputs);
      // The key is the slowest rule-based model: every one of them must reach the target.
      const slowest = result.ruleBased.reduce((a, b) => (a.dealsPerSecond <= b.dealsPerSecond ? a : b));
      return {
        inputs,
        keys: {
          'attribution.deals_per_s': {
            value: Math.round(slowest.dealsPerSecond),
            unit: 'deals/s',
            target: { direction: 'at_least', value: 50_000 },
            notes: `slowest rule-based model: ${slowest.model}; splits reconciled to the cent: ${result.amountsReconciled}`,
          },
        },
        details: {
          ruleBased: result.ruleBased.map((m) => ({
            ...m,
            dealsPerSecond: Math.round(m.dealsPerSecond),
            seconds: round(m.seconds),
          })),
          dataDriven: result.dataDriven.map((m) => ({
            ...m,
            dealsPerSecond: Math.round(m.dealsPerSecond),
            seconds: round(m.seconds),
          })),
        },
      };
    },
  },
  decisionBenchmark('pglite'),
  decisionBenchmark('postgres'),
  dealCardBenchmark('pglite'),
  dealCardBenchmark('postgres'),
  {
    name: 'webhook-ingest',
    description: 'signed HubSpot webhook batches of 100, 10 in flight, each acknowledged once stored',
    keys: ['webhook.ingest.events_per_s'],
    run: async ({ quick }) => {
      const inputs = { events: quick ? 20_000 : 100_000, batchSize: 100, concurrency: 10 };
      const result = await benchWebhookIngest(inputs);
      return {
        inputs,
        keys: {
          'webhook.ingest.events_per_s': {
            value: result.events_per_s,
            unit: 'events/s',
            target: { direction: 'at_least', value: 2_000 },
            p50_ms: result.p50_ms,
            p99_ms: result.p99_ms,
            notes: `${result.stored} of ${result.events} events stored; latencies are per batch`,
          },
        },
        details: result,
      };
    },
  },
  {
    name: 'sync-backfill',
    description:
      'HubSpot deals backfill through the connector vs @hubspot/api-client defaults (crm.deals.getAll), simulator at 120 ms',
    keys: ['sync.backfill.ratio_to_ceiling', 'sync.backfill.ratio_to_peer'],
    run: async ({ quick }) => {
      const inputs = { deals: quick ? 1_500 : 10_000, latencyMs: 120 };
      const result = await benchSyncBackfill(inputs);
      const noFailures = result.ours.rejected === 0;
      return {
        inputs,
        keys: {
          'sync.backfill.ratio_to_ceiling': {
            value: round(result.ours.recordsPerSecond / result.ceilingRecordsPerSecond),
            unit: 'ratio',
            target: { direction: 'at_least', value: 0.95 },
            notes: `${result.ours.recordsPerSecond} deals/s vs 1,100/s (110 requests/10 s × 100); ${result.ours.rejected} requests refused (429)${noFailures ? '' : ': target requires none'}`,
          },
          'sync.backfill.ratio_to_peer': {
            value: round(result.ours.recordsPerSecond / result.peer.recordsPerSecond),
            unit: 'ratio',
            target: { direction: 'at_least', value: 1.15 },
            notes: `peer crm.deals.getAll: ${result.peer.recordsPerSecond} deals/s (read only, no store writes)`,
          },
        },
        details: result,
      };
    },
  },
];
