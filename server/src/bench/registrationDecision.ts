import { customerIndexes } from '../use-cases/governance/customerIndexes.js';
import { registerDeal } from '../use-cases/registerDeal.js';
import type { Store } from '../store/store.js';
import { percentile, round, type Benchmark } from './benchmark.js';
import { startBenchService } from './benchService.js';
import { createThrowawayDatabase } from './throwawayPostgres.js';

export type DecisionBenchInputs = {
  accounts: number;
  deals: number;
  registrations: number;
  submissions: number;
  warmUp: number;
  engine: 'pglite' | 'postgres';
};

export type DecisionBench = DecisionBenchInputs & {
  load_s: number;
  index_build_ms: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  outcomes: Record<string, number>;
};

const TENANT = 'bench-decisions';
/** The suite shows a benchmark's stderr as it runs. */
const progress = (line: string) => console.error(line);
const PARTNERS = 40;
const SELLERS = 30;
const LOAD_CHUNK = 100_000;

/**
 * Customer names are made in SQL from the row number, so a million accounts load in one statement
 * per chunk instead of a million inserts: a pronounceable word unique to the row, a common trade
 * word and a legal form ("Kabotemi Logistics GmbH"). The submissions below build the same words.
 */
const SYLLABLES = [
  'ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'te', 'vo', 'zi', 'bu',
  'da', 'fe', 'go', 'hi', 'ju', 'pa', 'qui', 'ro', 'su', 'wa',
]; // prettier-ignore
const TRADES = [
  'Systems', 'Analytics', 'Logistics', 'Foods', 'Health', 'Energy', 'Capital', 'Labs', 'Networks',
  'Robotics', 'Textiles', 'Pharma', 'Media', 'Software', 'Consulting', 'Motors', 'Retail', 'Biotech',
]; // prettier-ignore
const FORMS = ['Inc', 'LLC', 'Ltd', 'GmbH', 'Corp', 'BV', 'SA'];

const wordOf = (i: number): string =>
  [0, 1, 2, 3, 4].map((d) => SYLLABLES[Math.floor(i / SYLLABLES.length ** d) % SYLLABLES.length]).join('');
const tradeOf = (i: number) => TRADES[i % TRADES.length]!;
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const sqlArray = (items: readonly string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]`;
const wordSql = (i: string) =>
  [0, 1, 2, 3, 4]
    .map((d) => `(${sqlArray(SYLLABLES)})[1 + (${i} / ${SYLLABLES.length ** d}) % ${SYLLABLES.length}]`)
    .join(' || ');
const nameSql = (i: string) =>
  `initcap(${wordSql(i)}) || ' ' || (${sqlArray(TRADES)})[1 + ${i} % ${TRADES.length}] || ' ' || (${sqlArray(FORMS)})[1 + ${i} % ${FORMS.length}]`;

const seedPeople = async (store: Store) => {
  await store.tenants.upsert({
    id: TENANT,
    name: 'Decision benchmark',
    crm: 'sandbox',
    externalId: TENANT,
    status: 'active',
    sandbox: true,
  });
  const scoped = store.forTenant(TENANT);
  const staff = [
    ...Array.from({ length: 6 }, (_, i) => ({ id: `pm-${i}`, roles: ['partner_manager' as const] })),
    ...Array.from({ length: 3 }, (_, i) => ({ id: `desk-${i}`, roles: ['deal_desk' as const] })),
    { id: 'admin-0', roles: ['admin' as const] },
    ...Array.from({ length: SELLERS }, (_, i) => ({ id: `seller-${i}`, roles: ['seller' as const] })),
  ];
  for (const [n, user] of staff.entries())
    await scoped.users.upsert({
      id: user.id,
      crmUserId: String(9000 + n),
      email: `${user.id}@bench.example`,
      name: `User ${user.id}`,
      roles: user.roles,
      managerId: null,
      active: true,
    });
  for (let i = 0; i < PARTNERS; i++)
    await scoped.partners.upsert({
      id: `p-${i}`,
      name: `Partner ${i}`,
      domain: `partner${i}.example`,
      tier: ['gold', 'silver', 'registered'][i % 3]!,
      motions: ['resale'],
      capabilities: { certifications: [], specialisations: [], regions: ['NA'], industries: [] },
      managerUserId: `pm-${i % 6}`,
      active: true,
    });
};

/** Accounts, deals and registrations generated server-side, a chunk per statement. */
const loadVolume = async (store: Store, inputs: DecisionBenchInputs) => {
  const n = inputs.accounts;
  const chunks = async (total: number, statement: string) => {
    for (let from = 0; from < total; from += LOAD_CHUNK)
      await store.db.query(statement, [TENANT, from, Math.min(total, from + LOAD_CHUNK) - 1]);
  };
  await chunks(
    n,
    `INSERT INTO accounts (tenant_id, id, crm_id, name, domains, phone, address, owner_id, parent_account_id)
     SELECT $1, 'acc-' || i, 'c' || i, ${nameSql('i')}, ARRAY[${wordSql('i')} || '.example'],
       CASE WHEN i % 3 = 0 THEN '+1 ' || (300 + i % 600) || ' ' || (200 + (i / 600) % 800) || ' ' || lpad((i % 10000)::text, 4, '0') END,
       CASE WHEN i % 2 = 0 THEN jsonb_build_object('street', (1 + i % 900) || ' Main St', 'city', 'Springfield', 'zip', lpad((i % 99999)::text, 5, '0'), 'country', 'US') END,
       CASE WHEN i % 5 = 0 THEN 'seller-' || (i % ${SELLERS}) END,
       CASE WHEN i % 50 = 1 THEN 'acc-' || (i - 1) END
     FROM generate_series($2::int, $3::int) AS i`,
  );
  await chunks(
    inputs.deals,
    `INSERT INTO deals (tenant_id, id, crm_id, name, account_id, stage, stage_category, amount_minor, currency, owner_id, splits, created_at)
     SELECT $1, 'deal-' || i, 'd' || i, 'Deal ' || i, 'acc-' || ((i::bigint * 7919) % ${n}),
       (ARRAY['appointment', 'proposal', 'won', 'lost'])[1 + i % 4],
       (ARRAY['open', 'open', 'won', 'lost'])[1 + i % 4],
       100000 + (i % 97) * 1000, 'USD', 'seller-' || (i % ${SELLERS}),
       jsonb_build_array(jsonb_build_object('userId', 'seller-' || ((i + 1) % ${SELLERS}), 'role', 'sales engineer', 'percent', 20)),
       now() - (i % 400) * interval '1 day'
     FROM generate_series($2::int, $3::int) AS i`,
  );
  await chunks(
    inputs.registrations,
    `INSERT INTO registrations (tenant_id, id, partner_id, customer, account_id, status, submitted_at, decided_at, protected_until)
     SELECT $1, 'reg-old-' || i, 'p-' || (i % ${PARTNERS}),
       jsonb_build_object('name', ${nameSql('j')}, 'domain', ${wordSql('j')} || '.example'), 'acc-' || j,
       (ARRAY['approved', 'submitted', 'in_review', 'rejected', 'expired', 'won', 'lost', 'approved', 'withdrawn', 'rejected'])[1 + i % 10],
       now() - (i % 300) * interval '1 day', now() - (i % 300) * interval '1 day' + interval '1 day',
       CASE WHEN i % 10 IN (0, 7) THEN now() + (i % 60) * interval '1 day' END
     FROM generate_series($2::int, $3::int) AS i, LATERAL (SELECT ((i::bigint * 104729) % ${n})::int AS j) AS pick`,
  );
  await store.db.exec('ANALYZE accounts; ANALYZE deals; ANALYZE registrations');
};

/**
 * What partners submit: mostly a known customer written their own way (legal form dropped, name
 * only or domain too), some new customers, some customers other partners already claimed.
 */
const submissionOf = (k: number, accounts: number) => {
  const i = (k * 15_485_863 + 12_345) % accounts;
  if (k % 10 < 6)
    return k % 2 === 0
      ? { name: `${capitalised(wordOf(i))} ${tradeOf(i)}`, domain: `${wordOf(i)}.example` }
      : { name: `${capitalised(wordOf(i))} ${tradeOf(i)}` };
  if (k % 10 < 8) {
    const claimed = (k * 104_729) % accounts;
    return { name: `${capitalised(wordOf(claimed))} ${tradeOf(claimed)}` };
  }
  const fresh = accounts + k;
  return { name: `${capitalised(wordOf(fresh))} ${tradeOf(fresh)}`, domain: `${wordOf(fresh)}.example` };
};

/**
 * Submit → decision through the real use case (`registerDeal`: policy, candidate lookup, conflicts,
 * rules, neutral assignment, the writes and the audit entry) against a tenant of `accounts`
 * accounts, `deals` deals and `registrations` earlier claims. The per-tenant candidate index is
 * built once per process start; its build is timed on its own, then decisions are timed one at a
 * time after a warm-up.
 */
export const benchRegistrationDecision = async (inputs: DecisionBenchInputs): Promise<DecisionBench> => {
  const postgres = inputs.engine === 'postgres' ? await createThrowawayDatabase() : undefined;
  try {
    const service = await startBenchService({}, { databaseUrl: postgres?.url, listen: false });
    try {
      const { store } = service.ctx;
      const loadStarted = performance.now();
      await seedPeople(store);
      await loadVolume(store, inputs);
      const load_s = round((performance.now() - loadStarted) / 1000, 1);
      progress(
        `${inputs.engine}: loaded ${inputs.accounts} accounts, ${inputs.deals} deals, ${inputs.registrations} registrations in ${load_s} s`,
      );

      const buildStarted = performance.now();
      await customerIndexes(store, TENANT);
      const index_build_ms = Math.round(performance.now() - buildStarted);
      progress(`${inputs.engine}: candidate indexes built in ${index_build_ms} ms`);

      const deps = { store, now: () => new Date(), metrics: service.ctx.metrics };
      const outcomes: Record<string, number> = {};
      const latencies: number[] = [];
      for (let k = 0; k < inputs.warmUp + inputs.submissions; k++) {
        const started = performance.now();
        const view = await registerDeal(deps, {
          tenantId: TENANT,
          partnerId: `p-${(k * 7) % PARTNERS}`,
          values: { customer: submissionOf(k, inputs.accounts) },
        });
        if (k < inputs.warmUp) continue;
        latencies.push(performance.now() - started);
        outcomes[view.status] = (outcomes[view.status] ?? 0) + 1;
      }
      latencies.sort((a, b) => a - b);
      return {
        ...inputs,
        load_s,
        index_build_ms,
        p50_ms: round(percentile(latencies, 50), 2),
        p99_ms: round(percentile(latencies, 99), 2),
        max_ms: round(latencies.at(-1) ?? 0, 2),
        outcomes,
      };
    } finally {
      await service.close();
    }
  } finally {
    await postgres?.drop();
  }
};

/** One suite entry per engine, so an unreachable PostgreSQL shows as an error on its own key. */
export const decisionBenchmark = (engine: DecisionBenchInputs['engine']): Benchmark => {
  const key =
    engine === 'postgres' ? 'registration.decision.postgres.p99_ms' : 'registration.decision.p99_ms';
  return {
    name: engine === 'postgres' ? 'registration-decision-postgres' : 'registration-decision',
    description: `submit → decision through registerDeal over a large tenant (${engine === 'postgres' ? 'PostgreSQL, throw-away database' : 'embedded PGlite'})`,
    keys: [key],
    run: async ({ quick }) => {
      const inputs: DecisionBenchInputs = {
        accounts: quick ? 100_000 : 1_000_000,
        deals: quick ? 10_000 : 100_000,
        registrations: quick ? 10_000 : 100_000,
        submissions: quick ? 200 : 400,
        warmUp: 30,
        engine,
      };
      const result = await benchRegistrationDecision(inputs);
      return {
        inputs,
        keys: {
          [key]: {
            value: result.p99_ms,
            unit: 'ms',
            target: { direction: 'at_most', value: engine === 'postgres' ? 25 : 50 },
            p50_ms: result.p50_ms,
            p99_ms: result.p99_ms,
            notes: `candidate index built in ${result.index_build_ms} ms (once per process start); data loaded in ${result.load_s} s`,
          },
        },
        details: result,
      };
    },
  };
};
