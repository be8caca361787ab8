import { seededRandom } from '../random/index.js';
import { CandidateIndex } from './candidateIndex.js';
import { findDuplicates } from './deduplicate.js';
import { fittedModel } from './fittedModel.js';
import { pairLogOdds, scorePair } from './scorePair.js';
import { jaroWinkler, jaroWinklerAtLeast } from './similarity/jaroWinkler.js';
import { generateOrganisations } from './synthetic.js';
import { generateListings } from './syntheticListings.js';

const records = [
  ...generateOrganisations(seededRandom(3), { entities: 250 }),
  ...generateListings(seededRandom(4), { entities: 150 }),
];

describe('numeric scoring', () => {
  it('When candidate pairs are scored without reasons, then the log-odds equal the explained score exactly', () => {
    const index = new CandidateIndex({ prepare: { defaultCountry: 'US' }, maxCandidates: 60 });
    for (const record of records) index.upsert(record);
    const scoring = { rarity: index.rarity };
    let pairs = 0;
    for (const record of records) {
      const query = index.get(record.id)!;
      for (const candidate of index.candidates(query)) {
        expect(pairLogOdds(query, candidate, scoring)).toBe(scorePair(query, candidate, scoring).logOdds);
        pairs++;
      }
    }
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
