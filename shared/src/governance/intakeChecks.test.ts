import { calendarDateSchema } from '../domain/index.js';
import { assertPlausibleIntake, invalidIntakeFields, type IntakeValues } from './intake.js';

const NOW = new Date('2026-11-02T09:00:00.000Z');
const fieldsOf = (values: IntakeValues) => invalidIntakeFields(values, NOW).map((i) => i.field);

describe('plausible intake values', () => {
  it('When only a name or only a domain is given, then nothing is refused', () => {
    expect(fieldsOf({ customer: { name: 'Initech' } })).toEqual([]);
    expect(fieldsOf({ customer: { domain: 'initech.example' } })).toEqual([]);
  });

  it.each(['   ', '', '\t\n', '@@@', '---'])('When the name is %j, then customer.name is refused', (name) => {
    expect(fieldsOf({ customer: { name, domain: 'initech.example' } })).toEqual(['customer.name']);
  });

  it.each(['Initech', '  Initech  ', 'Société Générale', '3M', '株式会社トヨタ'])(
    'When the name is %j, then it is accepted',
    (name) => {
      expect(fieldsOf({ customer: { name } })).toEqual([]);
    },
  );

  it.each([
    'acme.com',
    'ACME.com',
    'www.acme.co.uk',
    'initech.example',
    'a.b.example',
    'https://acme.com/about',
    'acme.com.',
    'bücher.de',
    'xn--bcher-kva.example',
    'yahoo.co.jp',
  ])('When the domain is %j, then it is accepted', (domain) => {
    expect(fieldsOf({ customer: { domain } })).toEqual([]);
  });

  it.each([
    ['127.0.0.1', /IP address/],
    ['10.1.2.3', /IP address/],
    ['[::1]', /IP address/],
    ['localhost', /local network|registrable/],
    ['intranet.localhost', /local network/],
    ['printer.local', /local network/],
    ['example', /registrable/],
    ['co.uk', /registrable/],
    ['foo.123', /alphabetic/],
    ['1.2', /alphabetic/],
    ['acme..com', /not a domain/],
    ['acme com', /spaces/],
    ['jo@acme.com', /e-mail/],
    ['   ', /blank/],
  ])('When the domain is %j, then customer.domain is refused', (domain, why) => {
    const invalid = invalidIntakeFields({ customer: { domain } }, NOW);
    expect(invalid.map((i) => i.field)).toEqual(['customer.domain']);
    expect(invalid[0]!.message).toMatch(why);
  });

  it.each(['jo@acme.com', 'jo.smith+deals@eu.acme.co.uk', 'buyer@initech.example', ' jo@acme.com '])(
    'When the e-mail is %j, then it is accepted',
    (email) => {
      expect(fieldsOf({ customer: { name: 'Acme', email } })).toEqual([]);
    },
  );

  it.each([
    '@@@',
    'jo',
    'jo@',
    '@acme.com',
    'jo@localhost',
    'jo@127.0.0.1',
    'jo@[127.0.0.1]',
    'j o@acme.com',
    '',
  ])('When the e-mail is %j, then customer.email is refused', (email) => {
    expect(fieldsOf({ customer: { name: 'Acme', email } })).toEqual(['customer.email']);
  });

  it.each(['+1 (415) 555-1234', '020 7946 0958 ext. 12', '+31201234567'])(
    'When the phone is %j, then it is accepted',
    (phone) => {
      expect(fieldsOf({ customer: { name: 'Acme', phone } })).toEqual([]);
    },
  );

  it.each(['n/a', '@@@', '12', '   ', '555-1234 <script>'])(
    'When the phone is %j, then customer.phone is refused',
    (phone) => {
      expect(fieldsOf({ customer: { name: 'Acme', phone } })).toEqual(['customer.phone']);
    },
  );

  it('When the expected close date is within a year before and ten years after the submission, then it is accepted', () => {
    for (const expectedCloseDate of ['2025-11-02', '2026-11-02', '2027-03-31', '2036-11-02'])
      expect(fieldsOf({ customer: { name: 'Acme' }, expectedCloseDate })).toEqual([]);
  });

  it.each(['9999-12-31', '2036-11-03', '2025-11-01', '0001-01-01', '0000-01-01', '2026-02-30', '02/11/2026'])(
    'When the expected close date is %j, then expectedCloseDate is refused',
    (expectedCloseDate) => {
      expect(fieldsOf({ customer: { name: 'Acme' }, expectedCloseDate })).toEqual(['expectedCloseDate']);
    },
  );

  it('When the submission is on 29 February, then the window ends on the same day-of-year ten years on', () => {
    const leap = new Date('2028-02-29T12:00:00.000Z');
    expect(
      invalidIntakeFields({ customer: { name: 'Acme' }, expectedCloseDate: '2038-02-28' }, leap),
    ).toEqual([]);
    expect(
      invalidIntakeFields({ customer: { name: 'Acme' }, expectedCloseDate: '2038-03-01' }, leap),
    ).toHaveLength(1);
    expect(
      invalidIntakeFields({ customer: { name: 'Acme' }, expectedCloseDate: '2027-03-01' }, leap),
    ).toEqual([]);
    expect(
      invalidIntakeFields({ customer: { name: 'Acme' }, expectedCloseDate: '2027-02-28' }, leap),
    ).toHaveLength(1);
  });

  it('When several fields are implausible, then the error names each with REGISTRATION.INVALID_FIELDS', () => {
    expect(() =>
      assertPlausibleIntake(
        { customer: { name: ' ', domain: '127.0.0.1', email: '@@@' }, expectedCloseDate: '9999-01-01' },
        NOW,
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'REGISTRATION.INVALID_FIELDS',
        details: {
          invalid: [
            { field: 'customer.name', message: expect.stringMatching(/blank/) },
            { field: 'customer.domain', message: expect.stringMatching(/IP address/) },
            { field: 'customer.email', message: expect.any(String) },
            { field: 'expectedCloseDate', message: expect.stringMatching(/2036-11-02/) },
          ],
        },
      }),
    );
  });
});

describe('calendar dates at parse time', () => {
  it('When a date has no year 0 or no such day, then the schema refuses it; a real one passes', () => {
    expect(calendarDateSchema.safeParse('0000-01-01').success).toBe(false);
    expect(calendarDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(calendarDateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(calendarDateSchema.safeParse('0001-01-01').success).toBe(true);
  });
});
