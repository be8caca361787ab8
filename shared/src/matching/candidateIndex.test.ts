import { seededRandom } from '../random/index.js';
import { CandidateIndex } from './candidateIndex.js';
import { generateOrganisations } from './synthetic.js';

describe('CandidateIndex', () => {
  it('When a record is looked up, then its duplicates are found under a different name form, domain or phone', () => {
    const index = new CandidateIndex({ prepare: { defaultCountry: 'US' } });
    index.upsert({ id: 'a1', name: 'Acme Corporation', domain: 'acme.com', phone: '415 555 0100' });
    index.upsert({ id: 'a2', name: 'Globex GmbH', domain: 'globex.de' });
    index.upsert({ id: 'a3', name: 'Initech Systems', phone: '(212) 555-0199' });
    expect(index.lookup({ id: 'q', name: 'ACME Corp.' }).map((r) => r.rightId)).toEqual(['a1']);
    expect(index.candidateIds(index.prepare({ id: 'q', name: 'Unrelated', email: 'jo@globex.de' }))).toEqual([
      'a2',
    ]);
    expect(index.candidateIds(index.prepare({ id: 'q', name: 'Other', phone: '+1 212 555 0199' }))).toEqual([
      'a3',
    ]);
  });

  it('When an account is renamed or removed, then lookups follow the change', () => {
    const index = new CandidateIndex();
    index.upsert({ id: 'a1', name: 'Acme Corporation' });
    index.upsert({ id: 'a1', name: 'Zenith Labs' });
    expect(index.lookup({ id: 'q', name: 'Acme Corp' })).toEqual([]);
    expect(index.lookup({ id: 'q', name: 'Zenith Labs Inc' }).map((r) => r.rightId)).toEqual(['a1']);
    expect(index.remove('a1')).toBe(true);
    expect(index.size).toBe(0);
    expect(index.rarity.documentFrequency('zenith')).toBe(0);
  });

  it('When blocking synthetic duplicates, then nearly every true pair reaches the scorer', () => {
    const records = generateOrganisations(seededRandom(3), { entities: 1500 });
    const index = new CandidateIndex();
    for (const record of records) index.upsert(record);
    let gold = 0;
    let found = 0;
    for (const record of records) {
      const candidates = new Set(index.candidateIds(index.get(record.id)!));
      for (const other of records) {
        if (other.id === record.id || other.entity !== record.entity) continue;
        gold++;
        if (candidates.has(other.id)) found++;
      }
    }
    expect(found / gold).toBeGreaterThan(0.97);
  });
});
