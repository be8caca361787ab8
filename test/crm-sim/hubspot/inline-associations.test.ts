import { Client } from '@hubspot/api-client';
import { startHubSpotSimulator, type HubSpotSimulator } from './simulator.js';

describe('HubSpot simulator: associations read inline with a page', () => {
  let sim: HubSpotSimulator;
  let client: Client;

  beforeAll(async () => {
    sim = await startHubSpotSimulator({ latencyMs: 0, seed: 3, size: 30, searchIndexDelayMs: 0 });
    client = new Client({ accessToken: sim.issueToken().accessToken, basePath: sim.url });
  });
  afterAll(() => sim.close());

  it('When deals are listed with associations, then each deal carries its company (primary and unlabeled) and contacts', async () => {
    const page = await client.crm.objects.basicApi.getPage('deals', 10, undefined, ['dealname'], undefined, [
      'companies',
      'contacts',
    ]);
    const withCompany = page.results.filter((d) => d.associations?.companies);
    expect(withCompany.length).toBeGreaterThan(0);
    const [deal] = withCompany;
    const types = deal?.associations?.companies?.results.map((r) => r.type);
    expect(types).toContain('deal_to_company');
    expect(deal?.associations?.companies?.paging).toBeUndefined();
  });

  it('When a deal has more than 100 associated contacts, then 100 come inline with a cursor to the rest', async () => {
    const [deal] = sim.state.list(sim.portalId, 'deals');
    if (!deal) throw new Error('no deal');
    const before = sim.state.associations(sim.portalId, 'deals', deal.id, 'contacts').length;
    for (let i = 0; i < 130; i++) {
      const contact = sim.state.create(sim.portalId, 'contacts', { email: `inline-${i}@example.com` });
      sim.state.associate(sim.portalId, 'deals', deal.id, 'contacts', contact.id, [3]);
    }
    const read = await client.crm.objects.basicApi.getPage('deals', 1, undefined, undefined, undefined, [
      'contacts',
    ]);
    const inline = read.results[0]?.associations?.contacts;
    expect(inline?.results).toHaveLength(100);
    const after = inline?.paging?.next?.after;
    expect(after).toBeDefined();
    const rest = await client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'contacts', after);
    const all = new Set([
      ...(inline?.results ?? []).map((r) => r.id),
      ...rest.results.map((r) => String(r.toObjectId)),
    ]);
    expect(all.size).toBe(before + 130);
  });

  it('When a v4 batch read meets a deal with more than 500 contacts, then that record’s list is paged on its own', async () => {
    const [, deal] = sim.state.list(sim.portalId, 'deals');
    if (!deal) throw new Error('no deal');
    for (let i = 0; i < 520; i++) {
      const contact = sim.state.create(sim.portalId, 'contacts', { email: `batch-${i}@example.com` });
      sim.state.associate(sim.portalId, 'deals', deal.id, 'contacts', contact.id, [3]);
    }
    const total = sim.state.associations(sim.portalId, 'deals', deal.id, 'contacts').length;
    const batch = await client.crm.associations.v4.batchApi.getPage('deals', 'contacts', {
      inputs: [{ id: deal.id }],
    });
    const [result] = batch.results;
    expect(result?.to).toHaveLength(500);
    const after = result?.paging?.next?.after;
    expect(after).toBeTruthy();
    const rest = await client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'contacts', after, 500);
    const ids = new Set([...(result?.to ?? []), ...rest.results].map((a) => String(a.toObjectId)));
    expect(ids.size).toBe(total);
  });
});
