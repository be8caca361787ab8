import { Client } from '@hubspot/api-client';
import { plainRequest } from '../common/http-request.js';
import { startHubSpotSimulator, type HubSpotSimulator } from './simulator.js';

describe('HubSpot simulator with the official @hubspot/api-client', () => {
  let sim: HubSpotSimulator;
  let client: Client;

  beforeAll(async () => {
    sim = await startHubSpotSimulator({
      port: 0,
      latencyMs: 0,
      seed: 7,
      size: 250,
      searchIndexDelayMs: 0,
      webhookBatchWindowMs: 0,
    });
    client = new Client({ accessToken: sim.issueToken().accessToken, basePath: sim.url });
  });
  afterAll(() => sim.close());

  it('When a deals page is requested, then it returns at most the limit with an after cursor', async () => {
    const page = await client.crm.deals.basicApi.getPage(100, undefined, ['dealname', 'amount', 'dealstage']);
    expect(page.results).toHaveLength(100);
    expect(page.paging?.next?.after).toBeDefined();
    expect(page.results[0]?.properties.dealname).toEqual(expect.any(String));
    expect(page.results[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('When getAll pages through deals, then every seeded deal arrives once', async () => {
    const all = await client.crm.deals.getAll(100);
    expect(all).toHaveLength(250);
    expect(new Set(all.map((d) => d.id)).size).toBe(250);
  });

  it('When the seed data is inspected, then deal outcomes follow a realistic mix', async () => {
    const all = await client.crm.deals.getAll(100, undefined, ['dealstage', 'amount']);
    const won = all.filter((d) => d.properties.dealstage === 'closedwon').length / all.length;
    const lost = all.filter((d) => d.properties.dealstage === 'closedlost').length / all.length;
    expect(won).toBeGreaterThan(0.35);
    expect(won).toBeLessThan(0.6);
    expect(lost).toBeGreaterThan(0.18);
    expect(lost).toBeLessThan(0.38);
    expect(all.every((d) => Number(d.properties.amount) > 0)).toBe(true);
  });

  it('When deals are created, read and updated in batches, then the results match', async () => {
    const created = await client.crm.deals.batchApi.create({
      inputs: [
        {
          properties: {
            dealname: 'Batch A',
            amount: '1200',
            dealstage: 'qualifiedtobuy',
            pipeline: 'default',
          },
          associations: [],
        },
        {
          properties: { dealname: 'Batch B', amount: '3400', dealstage: 'contractsent', pipeline: 'default' },
          associations: [],
        },
      ],
    });
    expect(created.results).toHaveLength(2);
    const ids = created.results.map((r) => r.id);
    const read = await client.crm.deals.batchApi.read({
      inputs: ids.map((id) => ({ id })),
      properties: ['dealname'],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => r.properties.dealname).sort()).toEqual(['Batch A', 'Batch B']);
    const updated = await client.crm.deals.batchApi.update({
      inputs: ids.map((id) => ({ id, properties: { dealstage: 'closedwon' } })),
    });
    expect(updated.results.every((r) => r.properties.dealstage === 'closedwon')).toBe(true);
    expect(updated.results.every((r) => r.properties.hs_is_closed_won === 'true')).toBe(true);
  });

  it('When a batch read names a missing id, then it answers 207 with the error listed', async () => {
    const [first] = await client.crm.companies.basicApi.getPage(1).then((p) => p.results);
    const read = await client.crm.companies.batchApi.read({
      inputs: [{ id: first?.id ?? '' }, { id: '1' }],
      properties: [],
      propertiesWithHistory: [],
    });
    expect(read.results).toHaveLength(1);
    expect('errors' in read && read.errors?.[0]?.category).toBe('OBJECT_NOT_FOUND');
  });

  it('When a contact is upserted by email twice, then the second call updates the same record', async () => {
    const input = {
      inputs: [{ idProperty: 'email', id: 'pat@upsert.example', properties: { firstname: 'Pat' } }],
    };
    const first = await client.crm.contacts.batchApi.upsert(input);
    const second = await client.crm.contacts.batchApi.upsert({
      inputs: [{ ...input.inputs[0]!, properties: { firstname: 'Patricia' } }],
    });
    expect(first.results[0]?._new).toBe(true);
    expect(second.results[0]?._new).toBe(false);
    expect(second.results[0]?.id).toBe(first.results[0]?.id);
  });

  it('When deals are searched with filters and sorts, then the matching page and total come back', async () => {
    const response = await client.crm.deals.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            { propertyName: 'dealstage', operator: 'EQ' as never, value: 'closedwon' },
            { propertyName: 'amount', operator: 'GTE' as never, value: '1000' },
          ],
        },
      ],
      sorts: ['-amount'],
      properties: ['amount', 'dealstage'],
      limit: 20,
      after: '0',
    });
    expect(response.total).toBeGreaterThan(20);
    expect(response.results).toHaveLength(20);
    const amounts = response.results.map((r) => Number(r.properties.amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(response.results.every((r) => r.properties.dealstage === 'closedwon')).toBe(true);
    expect(response.paging?.next?.after).toBe('20');
  });

  it('When a deal is read with v4 associations, then its primary company is labeled', async () => {
    const [deal] = (await client.crm.deals.basicApi.getPage(1)).results;
    const associations = await client.crm.associations.v4.basicApi.getPage(
      'deals',
      deal?.id ?? '',
      'companies',
    );
    expect(associations.results).toHaveLength(1);
    const typeIds = associations.results[0]?.associationTypes.map((t) => t.typeId).sort((a, b) => a - b);
    expect(typeIds).toEqual([5, 341]);
    const batch = await client.crm.associations.v4.batchApi.getPage('companies', 'deals', {
      inputs: [{ id: String(associations.results[0]?.toObjectId) }],
    });
    expect(batch.results[0]?.to.map((t) => String(t.toObjectId))).toContain(deal?.id);
  });

  it('When properties, groups, owners and schemas are read and created, then the client parses them', async () => {
    const properties = await client.crm.properties.coreApi.getAll('deals');
    expect(properties.results.map((p) => p.name)).toContain('dealstage');
    await client.crm.properties.groupsApi.create('deals', {
      name: 'entente',
      label: 'Entente',
      displayOrder: -1,
    });
    const created = await client.crm.properties.coreApi.create('deals', {
      name: 'entente_partner',
      label: 'Partner',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'entente',
    });
    expect(created.name).toBe('entente_partner');
    const owners = await client.crm.owners.ownersApi.getPage(undefined, undefined, 100);
    expect(owners.results.length).toBeGreaterThanOrEqual(3);
    const schema = await client.crm.schemas.coreApi.create({
      name: 'partner_registration',
      labels: { singular: 'Registration', plural: 'Registrations' },
      primaryDisplayProperty: 'reg_name',
      requiredProperties: ['reg_name'],
      properties: [{ name: 'reg_name', label: 'Name', type: 'string' as never, fieldType: 'text' }],
      associatedObjects: ['DEAL'],
    });
    expect(schema.objectTypeId).toMatch(/^2-\d+$/);
    const record = await client.crm.objects.basicApi.create(schema.objectTypeId, {
      properties: { reg_name: 'R-1' },
      associations: [],
    });
    const again = await client.crm.objects.basicApi.getById(schema.fullyQualifiedName, record.id, [
      'reg_name',
    ]);
    expect(again.properties.reg_name).toBe('R-1');
  });

  it("When an unknown property is written, then HubSpot's validation error comes back", async () => {
    await expect(
      client.crm.deals.basicApi.create({ properties: { nope: 'x' }, associations: [] }),
    ).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR', message: expect.stringContaining('PROPERTY_DOESNT_EXIST') },
    });
  });

  it('When the OAuth code is exchanged and refreshed, then the token info names the portal', async () => {
    const redirectUri = 'https://entente.example/oauth/callback';
    const authorize = await plainRequest(
      sim.authorizeUrl(redirectUri, ['oauth', 'crm.objects.deals.read'], 'xyz'),
    );
    expect(authorize.status).toBe(302);
    const location = new URL(String(authorize.headers.location));
    expect(location.searchParams.get('state')).toBe('xyz');
    const oauthClient = new Client({ basePath: sim.url });
    const tokens = await oauthClient.oauth.tokensApi.create(
      'authorization_code',
      location.searchParams.get('code') ?? '',
      redirectUri,
      sim.clientId,
      sim.clientSecret,
    );
    expect(tokens.expiresIn).toBe(1800);
    const refreshed = await oauthClient.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      sim.clientId,
      sim.clientSecret,
      tokens.refreshToken,
    );
    const info = await oauthClient.oauth.accessTokensApi.get(refreshed.accessToken);
    expect(info.hubId).toBe(sim.portalId);
    expect(info.scopes).toEqual(['oauth', 'crm.objects.deals.read']);
  });
});
