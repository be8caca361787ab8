import {
  normalisePartnerDomains,
  partnerDuplicates,
  partnerNameKey,
  partnerProfileProblems,
} from './partnerProfile.js';

describe('partner profiles', () => {
  it('When domains are typed as URLs, subdomains or in capitals, then each is kept once as its registrable domain', () => {
    expect(
      normalisePartnerDomains(['https://www.Acme.co.uk/about', 'shop.acme.co.uk', 'acme.com', 'ACME.COM.']),
    ).toEqual(['acme.co.uk', 'acme.com']);
  });

  it('When a domain, contact or name cannot be right, then each problem is named by its path', () => {
    expect(
      partnerProfileProblems({
        name: '   ',
        domains: ['acme.com', 'localhost', 'sales@acme.com', '192.168.0.1'],
        contacts: [
          { name: 'Ana', email: 'ana@acme.com', role: 'Alliance lead' },
          { name: '', email: 'nope', role: ' ' },
        ],
      }).map((p) => p.path),
    ).toEqual([
      'name',
      'domains.1',
      'domains.2',
      'domains.3',
      'contacts.1.name',
      'contacts.1.email',
      'contacts.1.role',
    ]);
    expect(partnerProfileProblems({ name: 'Acme', domains: ['acme.com'], contacts: [] })).toEqual([]);
  });

  it('When names differ only in case, accents or spacing, then they are the same name', () => {
    expect(partnerNameKey('  Nestlé   Partners ')).toBe(partnerNameKey('NESTLE partners'));
    expect(partnerNameKey('Acme One')).not.toBe(partnerNameKey('Acme Two'));
  });

  it('When a candidate shares a name or a registrable domain with another partner, then each duplicate is named; itself is not one', () => {
    const existing = [
      { id: 'p-1', name: 'Northwind Traders', domains: ['northwind.com'] },
      { id: 'p-2', name: 'Contoso', domains: ['contoso.com', 'contoso.de'] },
    ];
    expect(
      partnerDuplicates({ id: 'new', name: 'NORTHWIND traders', domains: ['www.contoso.de'] }, existing),
    ).toEqual([
      { field: 'name', value: 'NORTHWIND traders', partnerId: 'p-1' },
      { field: 'domain', value: 'contoso.de', partnerId: 'p-2' },
    ]);
    expect(partnerDuplicates({ id: 'p-2', name: 'Contoso', domains: ['contoso.com'] }, existing)).toEqual([]);
  });
});
