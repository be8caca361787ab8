import { normaliseAddress, normaliseCity, normaliseZip } from './address.js';
import { acronymOf, normaliseCompanyName } from './companyName.js';
import { registrableDomain } from './domain.js';
import { companyDomainOfEmail, emailDomain } from './email.js';
import { countryCodeOf, normalisePhone } from './phone.js';

const key = (name: string) => normaliseCompanyName(name).key;

describe('normaliseCompanyName', () => {
  it('When legal forms are written in different styles, then the keys agree', () => {
    expect(key('* AKZO NOBEL N.V.')).toBe('akzo nobel');
    expect(key('AKZO NOBEL NV')).toBe('akzo nobel');
    expect(key('Akzo Nobel')).toBe('akzo nobel');
    expect(key('N. V. Nutricia')).toBe('nutricia');
    expect(key('Ferrari S.p.A.')).toBe('ferrari');
    expect(key('Nokia Oyj')).toBe('nokia');
    expect(key('Sony K.K.')).toBe('sony');
    expect(key('Atlassian Pty Ltd')).toBe('atlassian');
    expect(key('Siemens AG')).toBe('siemens');
    expect(key('Bosch GmbH')).toBe('bosch');
    expect(key('Acme Corp.')).toBe(key('ACME Corporation'));
  });

  it('When the legal form is the first word, then it is dropped but an only word is kept', () => {
    expect(key('AB Volvo')).toBe('volvo');
    expect(key('The Company')).toBe('company');
  });

  it('When names differ in diacritics, ampersands, apostrophes and articles, then the keys agree', () => {
    expect(key('Nestlé S.A.')).toBe('nestle');
    expect(key('Müller & Söhne GmbH')).toBe('muller and sohne');
    expect(key("N.V. PHILIPS' GLOEILAMPENFABRIEKEN")).toBe('philips gloeilampenfabrieken');
    expect(key('The Singer Company N.V.')).toBe('singer');
  });

  it('When common abbreviations are used, then they are written out', () => {
    expect(key('Acme Intl Mfg')).toBe('acme international manufacturing');
    expect(key('Hitachi Global Storage Tech')).toBe(key('Hitachi Global Storage Technologies'));
  });

  it('When a name is made of initials, then they join into one token and acronyms can be compared', () => {
    expect(normaliseCompanyName('I.B.M.').tokens).toEqual(['ibm']);
    expect(acronymOf(normaliseCompanyName('International Business Machines Corp'))).toBe('ibm');
  });
});

describe('registrableDomain', () => {
  it('When given URLs, hosts and suffixes with several labels, then the registrable domain comes back', () => {
    expect(registrableDomain('https://www.shop.acme.co.uk/about?x=1')).toBe('acme.co.uk');
    expect(registrableDomain('WWW.Acme.COM')).toBe('acme.com');
    expect(registrableDomain('acme.com.au')).toBe('acme.com.au');
    expect(registrableDomain('jo@eu.acme.de')).toBe('acme.de');
  });

  it('When the value is not a domain, then null', () => {
    expect(registrableDomain('n/a')).toBeNull();
    expect(registrableDomain('')).toBeNull();
    expect(registrableDomain('co.uk')).toBeNull();
  });
});

describe('e-mail domains', () => {
  it('When the address is at a company, then its registrable domain is the company domain', () => {
    expect(companyDomainOfEmail('Jo.Smith@mail.Acme.co.uk')).toBe('acme.co.uk');
  });

  it('When the address is at a free-mail provider, then there is no company domain', () => {
    expect(companyDomainOfEmail('jo@gmail.com')).toBeNull();
    expect(companyDomainOfEmail('jo@gmx.de')).toBeNull();
    expect(emailDomain('jo@yahoo.co.jp')).toEqual({ domain: 'yahoo.co.jp', freeMail: true });
  });

  it('When the text is not an address, then null', () => {
    expect(emailDomain('hannah88opowersc@m')).toBeNull();
    expect(emailDomain('no-at-sign')).toBeNull();
  });
});

describe('normalisePhone', () => {
  it('When a US number is written in local styles, then all give the same E.164', () => {
    for (const raw of ['310/246-1501', '(310) 246-1501', '310.246.1501', '+1 310 246 1501 ext. 12']) {
      expect(normalisePhone(raw, 'US')?.e164).toBe('+13102461501');
    }
  });

  it('When a Dutch number has a (0) trunk prefix, then it still parses', () => {
    expect(normalisePhone('+31 (0)20 123 4567')?.e164).toBe('+31201234567');
  });

  it('When there is no country, then the last seven digits are still comparable', () => {
    expect(normalisePhone('246-1501 0000')?.tail).toHaveLength(7);
    expect(normalisePhone('12')).toBeNull();
  });
});

describe('addresses', () => {
  it('When street words are abbreviated differently, then the street tokens agree', () => {
    const a = normaliseAddress('435 S. La Cienega Blv.');
    const b = normaliseAddress('435 South La Cienega Boulevard, Suite 3');
    expect(a?.number).toBe('435');
    expect(a?.street).toBe(b?.street);
    expect(b?.unit).toBe('ste 3');
  });

  it('When a German street is glued to Straße, then it matches the Str. form', () => {
    expect(normaliseAddress('Hauptstraße 5')?.street).toBe(normaliseAddress('Hauptstr. 5')?.street);
  });

  it('When zips and cities vary in format, then they normalise', () => {
    expect(normaliseZip('94105-1234')).toBe('94105');
    expect(normaliseZip('1012 AB')).toBe('1012ab');
    expect(normaliseCity('Saint-Louis')).toBe('st louis');
  });
});

describe('normalisePhone without a country', () => {
  it('When a number has no country code and none is known, then the full national digits still compare', () => {
    expect(normalisePhone('415/555-1234')?.national).toBe(normalisePhone('(415) 555-1234')?.national);
    expect(normalisePhone('415/555-1234')?.national).toBe('4155551234');
  });
  it('When the record names its country, then that country reads the number', () => {
    expect(countryCodeOf('United States')).toBe('US');
    expect(countryCodeOf('nl')).toBe('NL');
    expect(normalisePhone('020 123 4567', countryCodeOf('Netherlands'))?.e164).toBe('+31201234567');
  });
});
