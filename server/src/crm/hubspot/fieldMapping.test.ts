import {
  ACCEPTED_PROPERTY_TYPES,
  checkMappedProperties,
  DEFAULT_FIELD_MAPPING,
  keepDealSignals,
  mappingProblems,
  resolveFieldMapping,
  type PortalProperties,
} from './fieldMapping.js';

/** HubSpot's standard properties for the mapped fields, with the types its properties API reports. */
const hubspotDefaults = (): PortalProperties => ({
  deals: new Map([
    ['dealname', 'string'],
    ['amount', 'number'],
    ['deal_currency_code', 'enumeration'],
    ['closedate', 'datetime'],
  ]),
  companies: new Map([
    ['name', 'string'],
    ['domain', 'string'],
    ['industry', 'enumeration'],
    ['numberofemployees', 'number'],
    ['phone', 'string'],
    ['address', 'string'],
    ['city', 'string'],
    ['zip', 'string'],
    ['state', 'string'],
    ['country', 'string'],
  ]),
  contacts: new Map([
    ['email', 'string'],
    ['firstname', 'string'],
    ['lastname', 'string'],
    ['jobtitle', 'string'],
    ['phone', 'string'],
  ]),
});

describe('field mapping types', () => {
  it('When every mappable field has a table entry, then the table and the defaults name the same fields', () => {
    for (const object of Object.keys(DEFAULT_FIELD_MAPPING) as (keyof typeof DEFAULT_FIELD_MAPPING)[])
      expect(Object.keys(ACCEPTED_PROPERTY_TYPES[object]).sort()).toEqual(
        Object.keys(DEFAULT_FIELD_MAPPING[object]).sort(),
      );
  });

  it('When the mapping is the defaults on a standard portal, then nothing is refused', () => {
    expect(mappingProblems(resolveFieldMapping({}), hubspotDefaults())).toEqual([]);
  });

  it('When a picklist or a phone-number property feeds a field that takes one, then it is accepted', () => {
    const portal = hubspotDefaults();
    (portal.companies as Map<string, string>).set('hq_country', 'enumeration');
    (portal.contacts as Map<string, string>).set('direct_line', 'phone_number');
    const mapping = resolveFieldMapping({
      companies: { country: 'hq_country' },
      contacts: { phone: 'direct_line' },
    });
    expect(() => checkMappedProperties(mapping, portal)).not.toThrow();
  });

  it('When properties are missing or of the wrong type, then the error names each with its type and the types taken', () => {
    const portal = hubspotDefaults();
    (portal.deals as Map<string, string>).set('is_big', 'bool');
    const mapping = resolveFieldMapping({
      deals: { amount: 'is_big', closeDate: 'dealname' },
      contacts: { email: 'gone' },
    });
    expect(() => checkMappedProperties(mapping, portal)).toThrow(
      expect.objectContaining({
        code: 'CRM.MAPPING_INVALID',
        message: expect.stringContaining(
          '"dealname": its type is string, and closeDate takes date or datetime',
        ),
        details: [
          {
            objectType: 'deals',
            field: 'amount',
            property: 'is_big',
            problem: 'wrong_type',
            type: 'bool',
            accepted: ['number'],
          },
          {
            objectType: 'deals',
            field: 'closeDate',
            property: 'dealname',
            problem: 'wrong_type',
            type: 'string',
            accepted: ['date', 'datetime'],
          },
          {
            objectType: 'contacts',
            field: 'email',
            property: 'gone',
            problem: 'missing',
            type: null,
            accepted: ['string'],
          },
        ],
      }),
    );
  });
});

describe('renewal and outcome mapping', () => {
  it('When an admin maps renewal pipelines, a renewal property and outcome properties, then the mapping reads them as lists and kinds', () => {
    expect(
      resolveFieldMapping({
        renewals: {
          pipelines: 'renewals, 998877',
          property: 'contract_kind',
          propertyValues: 'Renewal,Upsell',
        },
        outcomes: { implementation: 'go_live_date', adoption: 'adopted' },
      }),
    ).toMatchObject({
      renewals: {
        pipelines: ['renewals', '998877'],
        property: 'contract_kind',
        propertyValues: ['Renewal', 'Upsell'],
      },
      outcomes: { implementation: 'go_live_date', adoption: 'adopted' },
    });
    // A renewal property alone is read as a checkbox.
    expect(resolveFieldMapping({ renewals: { property: 'is_renewal' } }).renewals.propertyValues).toEqual([
      'true',
    ]);
    expect(resolveFieldMapping({}).renewals).toEqual({ pipelines: [], property: null, propertyValues: [] });
  });

  it('When values are given without their property, or an outcome kind is unknown, then the schema refuses it', () => {
    expect(() => resolveFieldMapping({ renewals: { propertyValues: 'true' } })).toThrow(
      expect.objectContaining({ code: 'CRM.MAPPING_INVALID' }),
    );
    expect(() => resolveFieldMapping({ outcomes: { golf: 'played_golf' } })).toThrow(
      expect.objectContaining({ code: 'CRM.MAPPING_INVALID' }),
    );
  });

  it('When a renewal or outcome property does not fit, or a renewal pipeline is not the portal’s, then each is named', () => {
    const portal: PortalProperties = { ...hubspotDefaults(), dealPipelines: new Set(['default']) };
    (portal.deals as Map<string, string>).set('go_live_date', 'date');
    (portal.deals as Map<string, string>).set('renewal_amount', 'number');
    const mapping = resolveFieldMapping({
      renewals: { pipelines: 'default, renewals', property: 'renewal_amount' },
      outcomes: { implementation: 'go_live_date', adoption: 'adopted_flag' },
    });
    expect(mappingProblems(mapping, portal)).toEqual([
      {
        objectType: 'deals',
        field: 'renewals.property',
        property: 'renewal_amount',
        problem: 'wrong_type',
        type: 'number',
        accepted: ['bool', 'enumeration', 'string'],
      },
      {
        objectType: 'deals',
        field: 'renewals.pipelines',
        property: 'renewals',
        problem: 'unknown_pipeline',
        type: null,
        accepted: ['default'],
      },
      {
        objectType: 'deals',
        field: 'outcomes.adoption',
        property: 'adopted_flag',
        problem: 'missing',
        type: null,
        accepted: ['date', 'datetime', 'bool'],
      },
    ]);
  });

  it('When a save leaves the renewal and outcome sections out, then the ones in force are kept; an empty one clears them', () => {
    const inForce = { outcomes: { implementation: 'go_live_date' }, renewals: { pipelines: 'renewals' } };
    expect(keepDealSignals({ deals: { amount: 'net_amount' } }, inForce)).toEqual({
      deals: { amount: 'net_amount' },
      ...inForce,
    });
    expect(keepDealSignals({ outcomes: {} }, inForce)).toEqual({
      outcomes: {},
      renewals: { pipelines: 'renewals' },
    });
  });
});
