import { seededRandom } from '../random/index.js';
import { CandidateIndex } from './candidateIndex.js';
import { findDuplicates } from './deduplicate.js';
import { fittedModel } from './fittedModel.js';
import { numericLogOdds } from './numericScore.js';
import { pairLogOdds, possibleLogOdds, scorePair } from './scorePair.js';
import { ScoringTable } from './scoringTable.js';
import { nameProfile } from './similarity/nameSimilarity.js';
import { jaroWinkler, jaroWinklerAtLeast } from './similarity/jaroWinkler.js';
import { generateOrganisations } from './synthetic.js';
import { generateListings } from './syntheticListings.js';

const records = [
  ...generateOrganisations(seededRandom(3), { entities: 250 }),
  ...generateListings(seededRandom(4), { entities: 150 }),
];

describe('numeric scoring', () => {
  it('When candidate pairs are scored without reasons, then the log-odds equal the explained score exactly, and a pair stopped early falls short of the floor', () => {
    const index = new CandidateIndex({ prepare: { defaultCountry: 'US' }, maxCandidates: 60 });
    for (const record of records) index.upsert(record);
    const scoring = { rarity: index.rarity };
    const floor = possibleLogOdds();
    let pairs = 0;
    for (const record of records) {
      const query = index.get(record.id)!;
      for (const candidate of index.candidates(query)) {
        const exact = scorePair(query, candidate, scoring).logOdds;
        expect(pairLogOdds(query, candidate, scoring)).toBe(exact);
        const early = numericLogOdds(query, candidate, index.rarity, fittedModel, undefined, floor);
        if (exact >= floor) expect(early).toBe(exact);
        else expect(early).toBeLessThan(floor);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(5_000);
  });

  it('When the records are scored from columns of codes, then every candidate pair gets the same log-odds', () => {
    const index = new CandidateIndex({ prepare: { defaultCountry: 'US' }, maxCandidates: 60 });
    for (const record of records) index.upsert(record);
    const prepared = records.map((record) => index.get(record.id)!);
    const table = new ScoringTable(
      prepared,
      prepared.map((record) => nameProfile(record.name, index.rarity)),
      fittedModel,
    );
    const floor = possibleLogOdds();
    const position = new Map(prepared.map((record, i) => [record.id, i]));
    let pairs = 0;
    prepared.forEach((query, i) => {
      for (const id of index.candidateIds(query)) {
        const j = position.get(id)!;
        const [first, second] = i < j ? [i, j] : [j, i];
        const exact = pairLogOdds(prepared[first]!, prepared[second]!, { rarity: index.rarity });
        expect(table.logOdds(first, second)).toBe(exact);
        if (exact >= floor) expect(table.logOdds(first, second, floor)).toBe(exact);
        else expect(table.logOdds(first, second, floor)).toBeLessThan(floor);
        pairs++;
      }
    });
    expect(pairs).toBeGreaterThan(5_000);
  });

  it('When duplicates are found, then each reported pair carries the score its reasons explain', () => {
    const result = findDuplicates(records.slice(0, 300), { transitiveClosure: false });
    expect(result.pairs.length).toBeGreaterThan(20);
    for (const pair of result.pairs) {
      const explained = pair.reasons.reduce((sum, reason) => sum + reason.contribution, 0);
      expect(pair.logOdds).toBeCloseTo(fittedModel.intercept + explained, 9);
    }
  });

  it('When a Jaro-Winkler floor is given, then similarities at or above it are exact and the rest fall below it', () => {
    const words = [
      'electronics',
      'electroncis',
      'philips',
      'phillips',
      'martha',
      'marhta',
      'acme',
      'zenith',
      'dixon',
      'dicksonx',
    ];
    for (const left of words) {
      for (const right of words) {
        const exact = jaroWinkler(left, right);
        const bounded = jaroWinklerAtLeast(left, right, 0.9);
        if (exact >= 0.9) expect(bounded).toBe(exact);
        else expect(bounded).toBeLessThan(0.9);
      }
    }
  });
});
