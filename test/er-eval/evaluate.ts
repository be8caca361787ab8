/**
 * Scores the matcher on the labelled dev sets in ../shared/data/er and prints a results table.
 *
 *   npx tsc -b shared && node test/er-eval/evaluate.ts [--json results.json]
 *
 * Skips (exit 0) when the data directory is absent.
 */
import { writeFileSync } from 'node:fs';
import { generateListings, generateOrganisations, type SyntheticRecord } from '@entente/shared/matching';
import { seededRandom } from '@entente/shared/random';
import { dataDirectory, loadContacts, loadPatstat, type LabelledSet } from './datasets.ts';
import { scoreSet } from './scoreSet.ts';

const sets: LabelledSet[] = [loadPatstat(), loadContacts()].filter((set): set is LabelledSet => set !== null);
if (sets.length === 0) {
  console.log(`No dev sets at ${dataDirectory()}; nothing to evaluate.`);
  process.exit(0);
}
// Held-out synthetic sets: other seeds than the ones the weights were fitted on.
const synthetic = (name: string, records: SyntheticRecord[]): LabelledSet => ({
  name,
  file: '',
  cliArgs: [],
  records,
  labels: new Map(records.map((record) => [record.id, record.entity])),
});
sets.push(
  synthetic(
    'synthetic_organisations (held-out seed)',
    generateOrganisations(seededRandom(7), { entities: 3000 }),
  ),
);
sets.push(
  synthetic('synthetic_listings (held-out seed)', generateListings(seededRandom(8), { entities: 2000 })),
);

const pct = (value: number) => value.toFixed(3);
const rows = sets.flatMap((set) => [scoreSet(set, true), scoreSet(set, false)]);
console.log(
  '| set | closure | rows | pair P | pair R | pair F1 | B³ P | B³ R | B³ F1 | blocking recall (direct / connected) | comparisons |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.set} | ${r.closure ? 'yes' : 'no'} | ${r.rows} | ${pct(r.pairwise.precision)} | ${pct(r.pairwise.recall)} | ${pct(r.pairwise.f1)} | ` +
      `${pct(r.bcubed.precision)} | ${pct(r.bcubed.recall)} | ${pct(r.bcubed.f1)} | ${pct(r.blockingRecall)} / ${pct(r.blockingRecallConnected)} | ${r.comparisons} |`,
  );
}
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0 && process.argv[jsonAt + 1])
  writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(rows, null, 2));
