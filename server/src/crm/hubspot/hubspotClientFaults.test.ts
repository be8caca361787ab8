import nock from 'nock';
import { startTestApp, type TestApp } from '../../testing/testApp.js';
import { ENTENTE_GROUP, ENTENTE_PROPERTIES } from './ententeProperties.js';
import { configureHubSpotConnector } from './hubspotConnector.js';

// Starting an app on a fresh PostgreSQL schema takes a few seconds on a busy machine.
jest.setTimeout(60_000);

const API = 'https://api.hubapi.com';

// nock answers HubSpot; the test app itself stays reachable on loopback.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});
afterAll(() => {
  nock.cleanAll();
  nock.restore();
});
const TENANT = 'hubspot-777';

/** The exact shapes @hubspot/api-client@14 sends and expects, answered by nock. */
describe('HubSpot client under faults', () => {
  let app: TestApp;
  let sleeps: number[];
  const port = (breaker = { threshold: 50, cooldownMs: 60_000 }, timeoutMs = 30_000) => {
    sleeps = [];
    return configureHubSpotConnector(app.ctx, {
      policy: { baseDelayMs: 10, timeoutMs, maxRetries: 3 },
      breaker,
      random: () => 0.5,
      sleep: async (ms) => void sleeps.push(ms),
    }).forTenant(TENANT);
  };
  const page = {
    results: [
      {
        id: '1',
        properties: { name: 'Acme', domain: 'acme.com' },
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-02T00:00:00Z',
        archived: false,
      },
    ],
  };

  beforeAll(async () => {
    app = await startTestApp({
      seed: false,
      env: { HUBSPOT_CLIENT_ID: 'cid', HUBSPOT_CLIENT_SECRET: 'csecret', ENCRYPTION_KEY: 'c'.repeat(64) },
    });
    await app.ctx.store.tenants.upsert({
      id: TENANT,
      name: 'P',
      crm: 'hubspot',
      externalId: '777',
      status: 'active',
      sandbox: false,
    });
  });
  beforeEach(async () => {
    nock.cleanAll();
    const connector = configureHubSpotConnector(app.ctx, {});
    await connector.tokens.save(
      TENANT,
      { accessToken: 'at-1', refreshToken: 'rt-1', expiresInSeconds: 1800 },
      [],
    );
  });
  afterAll(() => app.close());

  it('When a deal has more associations than one batch read lists, then its per-record cursor is followed to the end', async () => {
    const association = (id: number) => ({
      toObjectId: id,
      associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
    });
    const batchEnvelope = (results: unknown[]) => ({
      status: 'COMPLETE',
      results,
      startedAt: '2026-01-01T00:00:00Z',
      completedAt: '2026-01-01T00:00:00Z',
    });
    nock(API)
      .post('/crm/v3/objects/deals/batch/read')
      .query(true)
      .reply(200, batchEnvelope([{ ...page.results[0], id: '42', properties: { dealname: 'Big one' } }]))
      .post('/crm/v4/associations/deals/companies/batch/read')
      .reply(200, batchEnvelope([{ from: { id: '42' }, to: [association(7)] }]))
      .post('/crm/v4/associations/deals/contacts/batch/read')
      .reply(
        200,
        batchEnvelope([
          { from: { id: '42' }, to: [association(1)], paging: { next: { after: '2', link: 'x' } } },
        ]),
      )
      .get('/crm/v4/objects/deals/42/associations/contacts')
      .query({ after: '2', limit: '500' })
      .reply(200, { results: [association(2)], paging: { next: { after: '3', link: 'y' } } })
      .get('/crm/v4/objects/deals/42/associations/contacts')
      .query({ after: '3', limit: '500' })
      .reply(200, { results: [association(3)] });
    const [entity] = await port().readByIds('deals', ['42']);
    expect(entity).toMatchObject({
      kind: 'deals',
      contactIds: ['hs-contact-1', 'hs-contact-2', 'hs-contact-3'],
    });
    expect(nock.isDone()).toBe(true);
  });

  it('When HubSpot answers a storm of 429s, then the client waits by policy and succeeds without surfacing an error', async () => {
    const scope = nock(API)
      .get('/crm/v3/objects/companies')
      .query(true)
      .times(3)
      .reply(429, {
        status: 'error',
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
        message: 'You have reached your ten_secondly_rolling limit.',
      })
      .get('/crm/v3/objects/companies')
      .query(true)
      .matchHeader('authorization', 'Bearer at-1')
      .reply(200, page, {
        'x-hubspot-ratelimit-max': '110',
        'x-hubspot-ratelimit-remaining': '50',
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
      });
    const result = await port().readPage('companies', undefined);
    expect(result.entities).toEqual([
      expect.objectContaining({
        kind: 'companies',
        account: expect.objectContaining({ name: 'Acme', domains: ['acme.com'] }),
      }),
    ]);
    expect(sleeps).toHaveLength(3);
    expect(sleeps.every((ms) => ms >= 10_000)).toBe(true);
    scope.done();
  });

  it('When the daily limit is spent, then the domain gets CRM.RATE_LIMITED at once', async () => {
    nock(API)
      .get('/crm/v3/objects/companies')
      .query(true)
      .reply(429, { status: 'error', errorType: 'RATE_LIMIT', policyName: 'DAILY', message: 'daily' });
    await expect(port().readPage('companies', undefined)).rejects.toMatchObject({ code: 'CRM.RATE_LIMITED' });
  });

  it('When HubSpot has a burst of 5xx, then calls are retried with jittered backoff and succeed', async () => {
    nock(API)
      .get('/crm/v3/objects/companies')
      .query(true)
      .reply(502, 'bad gateway')
      .get('/crm/v3/objects/companies')
      .query(true)
      .reply(503, { status: 'error', message: 'unavailable' })
      .get('/crm/v3/objects/companies')
      .query(true)
      .reply(200, page);
    await expect(port().readPage('companies', undefined)).resolves.toMatchObject({
      entities: [expect.anything()],
    });
    expect(sleeps).toEqual([8, 15]);
  });

  it('When HubSpot times out every time, then the domain gets CRM.UNAVAILABLE and the circuit opens for the portal', async () => {
    nock(API).get('/crm/v3/objects/companies').query(true).times(3).delay(1_000).reply(200, page);
    const adapter = port({ threshold: 3, cooldownMs: 60_000 }, 300);
    await expect(adapter.readPage('companies', undefined)).rejects.toMatchObject({ code: 'CRM.UNAVAILABLE' });
    // Open circuit: the next call is refused without touching HubSpot.
    await expect(adapter.readPage('companies', undefined)).rejects.toMatchObject({
      code: 'CRM.UNAVAILABLE',
      message: expect.stringContaining('resume'),
    });
  });

  it('When the access token is refused, then it is refreshed once and the call is replayed with the new token', async () => {
    nock(API)
      .get('/crm/v3/objects/companies')
      .query(true)
      .matchHeader('authorization', 'Bearer at-1')
      .reply(401, { status: 'error', category: 'EXPIRED_AUTHENTICATION' })
      .post(
        '/oauth/v3/token',
        (body: Record<string, string>) =>
          body.grant_type === 'refresh_token' &&
          body.refresh_token === 'rt-1' &&
          body.client_secret === 'csecret',
      )
      .reply(200, { token_type: 'bearer', access_token: 'at-2', refresh_token: 'rt-2', expires_in: 1800 })
      .get('/crm/v3/objects/companies')
      .query(true)
      .matchHeader('authorization', 'Bearer at-2')
      .reply(200, page);
    await expect(port().readPage('companies', undefined)).resolves.toMatchObject({
      entities: [expect.anything()],
    });
    expect(nock.isDone()).toBe(true);
  });

  it('When an admin maps a field to a property that does not exist, then CRM.MAPPING_INVALID names it', async () => {
    const props = (names: string[]) => ({
      results: names.map((name) => ({
        name,
        label: name,
        type: 'string',
        fieldType: 'text',
        groupName: 'x',
        options: [],
      })),
    });
    nock(API)
      .get('/crm/v3/properties/deals')
      .query(true)
      .reply(200, props(['dealname', 'amount', 'deal_currency_code', 'closedate']))
      .get('/crm/v3/properties/companies')
      .query(true)
      .reply(
        200,
        props([
          'name',
          'domain',
          'industry',
          'numberofemployees',
          'phone',
          'address',
          'city',
          'zip',
          'state',
          'country',
        ]),
      )
      .get('/crm/v3/properties/contacts')
      .query(true)
      .reply(200, props(['email', 'firstname', 'lastname', 'jobtitle', 'phone']));
    await expect(port().validateMapping({ deals: { amount: 'net_amount_custom' } })).rejects.toMatchObject({
      code: 'CRM.MAPPING_INVALID',
      message: expect.stringContaining('net_amount_custom'),
    });
    await expect(port().validateMapping({ deals: { stage: 'x' } })).rejects.toMatchObject({
      code: 'CRM.MAPPING_INVALID',
    });
  });

  it('When the portal grants no custom-object scopes, then provisioning keeps registrations in properties, whether the schema read or the create is refused', async () => {
    const provisioned = () => {
      const group = { ...ENTENTE_GROUP, archived: false };
      const properties = Object.values(ENTENTE_PROPERTIES).map((p) => ({
        ...p,
        groupName: ENTENTE_GROUP.name,
        options: [],
      }));
      for (const type of ['deals', 'companies']) {
        nock(API)
          .get(`/crm/v3/properties/${type}/groups`)
          .query(true)
          .reply(200, { results: [group] });
        nock(API).get(`/crm/v3/properties/${type}`).query(true).reply(200, { results: properties });
      }
    };
    const missingScopes = {
      status: 'error',
      message: "This app hasn't been granted all required scopes to make this call.",
      correlationId: 'c-1',
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: ['crm.schemas.custom.read'] },
        },
      ],
      category: 'MISSING_SCOPES',
    };
    provisioned();
    nock(API).get('/crm-object-schemas/v3/schemas').query(true).reply(403, missingScopes);
    await expect(port().provision()).resolves.toEqual({
      registrationsStore: 'properties',
      registrationsObjectType: null,
      created: [],
    });
    provisioned();
    nock(API)
      .get('/crm-object-schemas/v3/schemas')
      .query(true)
      .reply(200, { results: [] })
      .post('/crm-object-schemas/v3/schemas')
      .reply(402, {
        status: 'error',
        message: 'Custom objects need Enterprise',
        category: 'PAYMENT_REQUIRED',
      });
    await expect(port().provision()).resolves.toMatchObject({ registrationsStore: 'properties' });
    expect(nock.isDone()).toBe(true);
    // Anything else is still a failure the job retries.
    provisioned();
    nock(API)
      .get('/crm-object-schemas/v3/schemas')
      .query(true)
      .reply(400, { status: 'error', message: 'bad' });
    await expect(port().provision()).rejects.toMatchObject({ code: 'CRM.REQUEST_REJECTED' });
  });

  it('When Entente writes back, then only its own fields go out, in batches of 100', async () => {
    const bodies: { inputs: { id: string; properties: Record<string, string> }[] }[] = [];
    const results = (from: number, to: number) => ({
      status: 'COMPLETE',
      results: Array.from({ length: to - from + 1 }, (_, i) => ({
        id: String(from + i),
        properties: {},
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
        archived: false,
      })),
      startedAt: '2026-01-01T00:00:00Z',
      completedAt: '2026-01-01T00:00:00Z',
    });
    const record = (body: (typeof bodies)[number]) => bodies.push(body) > 0;
    nock(API)
      .post('/crm/v3/objects/deals/batch/update', record)
      .reply(200, results(1, 100))
      .post('/crm/v3/objects/deals/batch/update', record)
      .reply(200, results(101, 150));
    const writes = Array.from({ length: 150 }, (_, i) => ({
      crmId: String(i + 1),
      fields: { partner: 'Acme', conflictFlag: true },
    }));
    const result = await port().writeEntenteFields('deals', writes);
    expect(result.written).toHaveLength(150);
    expect(bodies.map((b) => b.inputs.length)).toEqual([100, 50]);
    expect(bodies[0]?.inputs[0]?.properties).toEqual({
      entente_partner: 'Acme',
      entente_conflict_flag: 'true',
    });
    await expect(
      port().writeEntenteFields('deals', [{ crmId: '1', fields: { dealstage: 'closedwon' } as never }]),
    ).rejects.toMatchObject({ code: 'CRM.FIELD_NOT_OWNED' });
  });
});
