import { CandidateIndex, generateOrganisations, type SyntheticRecord } from '@entente/shared/matching';
import { seededRandom } from '@entente/shared/random';
import { stringify } from 'csv-stringify/sync';
import { matchCsv, parseColumnMap } from '../use-cases/matchCsv.js';

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export type LookupBench = {
  accounts: number;
  lookups: number;
  build_ms: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  mean_candidates: number;
  /** Resident memory after the build, and the process's peak so far. */
  rss_after_build_mb: number;
  peak_rss_mb: number;
  /**
   * Process CPU time (user + system, all threads, so garbage collection too) for the build and per
   * timed lookup. The machine is shared: wall-clock includes waiting for a core, CPU time does not.
   */
  build_cpu_ms: number;
  cpu_ms_per_lookup: number;
};

/** Milliseconds of process CPU time (user + system) since `since`. */
const cpuMsSince = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Lookups run before timing starts, so the timings are of optimised code, as in a running service. */
const WARM_UP_LOOKUPS = 200;

/**
 * One registration looked up against a tenant of `accounts` generated organisations. Queries are
 * fresh variants of existing accounts (the realistic case: most registrations name a known customer).
 */
export const benchMatchLookup = async (options: {
  accounts: number;
  lookups: number;
  seed: number;
}): Promise<LookupBench> => {
  const random = seededRandom(options.seed);
  const records = generateOrganisations(random, { entities: options.accounts, duplicateRate: 0 });
  const queries: SyntheticRecord[] = generateOrganisations(seededRandom(options.seed + 1), {
    entities: options.lookups,
    duplicateRate: 1,
  })
    .filter((record) => !record.id.endsWith('-0'))
    .slice(0, options.lookups);
  const index = new CandidateIndex({ prepare: { defaultCountry: 'US' } });
  const started = performance.now();
  const buildCpu = process.cpuUsage();
  for (const record of records) index.upsert(record);
  const build_ms = performance.now() - started;
  const build_cpu_ms = cpuMsSince(buildCpu);
  const rssAfterBuild = Math.round(process.memoryUsage().rss / 1024 / 1024);
  for (const query of queries.slice(0, WARM_UP_LOOKUPS)) index.lookup(query);
  const timings: number[] = [];
  const lookupCpu = process.cpuUsage();
  for (const query of queries) {
    const t0 = performance.now();
    index.lookup(query);
    timings.push(performance.now() - t0);
  }
  const lookup_cpu_ms = cpuMsSince(lookupCpu);
  let candidates = 0;
  for (const query of queries) candidates += index.candidateIds(index.prepare(query)).length;
  timings.sort((a, b) => a - b);
  return {
    accounts: records.length,
    lookups: queries.length,
    build_ms: Math.round(build_ms),
    p50_ms: Number(percentile(timings, 50).toFixed(3)),
    p99_ms: Number(percentile(timings, 99).toFixed(3)),
    max_ms: Number((timings[timings.length - 1] ?? 0).toFixed(3)),
    mean_candidates: Number((candidates / Math.max(1, queries.length)).toFixed(1)),
    rss_after_build_mb: rssAfterBuild,
    peak_rss_mb: peakRssMb(),
    build_cpu_ms: Math.round(build_cpu_ms),
    cpu_ms_per_lookup: Number((lookup_cpu_ms / Math.max(1, queries.length)).toFixed(3)),
  };
};

export type CsvBench = {
  rows: number;
  seconds: number;
  rows_per_s: number;
  pairs: number;
  peak_rss_mb: number;
  /** Process CPU time (all threads) of the run, and per row: see `LookupBench.build_cpu_ms`. */
  cpu_seconds: number;
  cpu_ms_per_row: number;
};

/** `entente match` end to end (decode, parse, match, write) on a generated CSV of `rows` rows. */
export const benchMatchCsv = async (options: { rows: number; seed?: number }): Promise<CsvBench> => {
  const records = generateOrganisations(seededRandom(options.seed ?? 11), {
    entities: Math.round(options.rows / 1.4),
  }).slice(0, options.rows);
  const csv = stringify(
    records.map((r) => [
      r.id,
      r.name,
      r.website ?? '',
      r.email ?? '',
      r.phone ?? '',
      r.address ?? '',
      r.city ?? '',
      r.zip ?? '',
    ]),
    { header: true, columns: ['id', 'name', 'website', 'email', 'phone', 'address', 'city', 'zip'] },
  );
  const started = performance.now();
  const cpu = process.cpuUsage();
  const output = matchCsv({
    bytes: Buffer.from(csv, 'utf-8'),
    idColumn: 'id',
    map: parseColumnMap(
      'name=name,website=website,email=email,phone=phone,address=address,city=city,zip=zip',
    ),
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpuMsSince(cpu);
  return {
    rows: output.rows,
    seconds: Number(seconds.toFixed(2)),
    rows_per_s: Math.round(output.rows / seconds),
    pairs: output.result.pairs.length,
    peak_rss_mb: peakRssMb(),
    cpu_seconds: Number((cpuMs / 1000).toFixed(2)),
    cpu_ms_per_row: Number((cpuMs / Math.max(1, output.rows)).toFixed(3)),
  };
};
