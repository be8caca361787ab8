import { prepareRecord, type MatchRecord } from './record.js';
import { formatReasons, scorePair } from './scorePair.js';
import { TokenRarity } from './tokenRarity.js';

const record = (overrides: Partial<MatchRecord>): MatchRecord => ({
  id: 'x',
  name: 'Acme Corp.',
  ...overrides,
});
const score = (a: Partial<MatchRecord>, b: Partial<MatchRecord>, rarity?: TokenRarity) =>
  scorePair(
    prepareRecord(record({ id: 'a', ...a }), { defaultCountry: 'US' }),
    prepareRecord(record({ id: 'b', ...b }), { defaultCountry: 'US' }),
    { rarity },
  );

describe('scorePair', () => {
  it('When two records are the same company written differently, then the decision is match with a reason per field', () => {
    const result = score(
      {
        name: 'ACME Corp.',
        website: 'https://www.acme.com',
        phone: '(415) 555-0100',
        address: '1 Market St',
        city: 'San Francisco',
      },
      {
        name: 'Acme Corporation',
        email: 'jo@acme.com',
        phone: '+1 415 555 0100',
        address: '1 Market Street',
        city: 'San Francisco',
      },
    );
    expect(result.decision).toBe('match');
    expect(result.reasons.map((reason) => reason.field).sort()).toEqual([
      'address',
      'city',
      'domain',
      'name',
      'phone',
    ]);
    const text = formatReasons(result.reasons);
    expect(text).toContain('same registrable domain acme.com (website ↔ e-mail)');
    expect(text).toContain('same phone +14155550100');
    expect(text).toContain('same normalised name "acme"');
  });

  it('When only the names are alike and the domain, phone and address differ, then it is not a match', () => {
    const result = score(
      { name: 'Acme Systems', website: 'acme.com', phone: '415 555 0100', address: '1 Market St' },
      { name: 'Acme Logistics', website: 'acmelogistics.com', phone: '212 555 0199', address: '99 Broadway' },
    );
    expect(result.decision).toBe('no');
    expect(result.reasons.find((reason) => reason.field === 'phone')?.contribution).toBeLessThan(0);
  });

  it('When a rare word is shared, then the name counts for more than when a generic word is shared', () => {
    const rarity = new TokenRarity();
    for (let i = 0; i < 500; i++) rarity.add(['systems', `brand${i}`]);
    rarity.add(['zyxtrox', 'systems']);
    const rare = score({ name: 'Zyxtrox Systems' }, { name: 'Zyxtrox Solutions' }, rarity);
    const generic = score({ name: 'Quorbel Systems' }, { name: 'Vantrel Systems' }, rarity);
    expect(rare.score).toBeGreaterThan(generic.score);
    expect(generic.decision).toBe('no');
  });

  it('When the name is the same and the phone matches, then the score is higher than with the name alone', () => {
    const nameOnly = score({ name: "Arnie Morton's of Chicago" }, { name: "Arnie Morton's" });
    const withPhone = score(
      { name: "Arnie Morton's of Chicago", phone: '310/246-1501' },
      { name: "Arnie Morton's", phone: '310-246-1501' },
    );
    expect(withPhone.score).toBeGreaterThan(nameOnly.score);
    expect(withPhone.decision).toBe('match');
  });

  it('When a name reason is written, then it quotes both names and the similarity', () => {
    const result = score(
      { name: 'KONINKLIJKE PHILIPS ELECTRONICS N.V.' },
      { name: 'Koninklijke Philips Electroncis NV' },
    );
    const name = result.reasons.find((reason) => reason.field === 'name');
    expect(name?.text).toMatch(
      /^name "KONINKLIJKE PHILIPS ELECTRONICS N\.V\." ≈ "Koninklijke Philips Electroncis NV" 0\.\d\d/,
    );
    expect(result.decision).toBe('match');
  });
});

describe('scorePair on business listings', () => {
  const listing = (a: Partial<MatchRecord>, b: Partial<MatchRecord>) =>
    scorePair(prepareRecord(record({ id: 'a', ...a })), prepareRecord(record({ id: 'b', ...b })));

  it('When two guides list one place with other name, street and phone styles, then it is a match on the phone', () => {
    const result = listing(
      {
        name: "Art's Delicatessen",
        address: '12224 Ventura Blvd.',
        city: 'Studio City',
        phone: '818/762-1221',
      },
      { name: "Art's Deli", address: '12224 Ventura Boulevard', city: 'Los Angeles', phone: '818-762-1221' },
    );
    expect(result.decision).toBe('match');
    expect(formatReasons(result.reasons)).toContain('same phone 8187621221');
  });

  it('When two branches of a chain share the name but not the phone or street, then it is not a match', () => {
    const result = listing(
      {
        name: 'California Pizza Kitchen',
        address: '207 S. Beverly Dr.',
        city: 'Beverly Hills',
        phone: '310/275-1101',
      },
      {
        name: 'California Pizza Kitchen',
        address: '330 S. Hope St.',
        city: 'Los Angeles',
        phone: '213/626-2616',
      },
    );
    expect(result.decision).toBe('no');
  });

  it('When the phone and the web domain both differ, then that counts against a match beyond each alone', () => {
    const result = score(
      { name: 'Acme Corp', website: 'acme.com', phone: '415 555 0100' },
      { name: 'Acme Corp', website: 'acme-tools.com', phone: '212 555 0199' },
    );
    expect(result.reasons.find((reason) => reason.field === 'phone')?.text).toContain(
      '(and different domains)',
    );
  });
});
