import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(120_000);

/**
 * The sandbox as a newcomer meets it: the real `entente serve` process, its job runner polling,
 * and the simulated portal looked at through HubSpot's own API with the fixture's token.
 */
const entente = resolve(__dirname, '../../server/bin/entente.js');

type Fixture = {
  hubspot: { apiBaseUrl: string; accessToken: string };
  users: { id: string; roles: string[] }[];
  partners: { id: string; name: string; apiKey: string }[];
  adminToken: string;
  deals: { id: string; crmId: string; accountId: string | null; stageCategory: string }[];
  registrations: { accountId: string | null }[];
};

/** The parts of a HubSpot CRM object this test reads. */
type HubSpotObject = {
  properties: Record<string, string>;
  associations?: { companies: { results: { id: string }[] } };
};

const serve = (dataDir: string) =>
  new Promise<{ child: ChildProcessWithoutNullStreams; url: string }>((done, fail) => {
    const child = spawn(process.execPath, [entente, 'serve'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        ENTENTE_DATA_DIR: dataDir,
      },
    });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      // The service answers once the sandbox is up: install, backfill and seed are done.
      if (match?.[1] && /Try next/.test(out)) done({ child, url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => fail(new Error(`serve exited with ${code}:\n${out}`)));
  });

const waitFor = async <T>(read: () => Promise<T>, done: (value: T) => boolean, withinMs: number) => {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > withinMs) return { value, ms: Date.now() - started };
    await new Promise((wait) => setTimeout(wait, 100));
  }
};

describe('the sandbox writes registration decisions back to HubSpot', () => {
  let dataDir: string;
  let service: { child: ChildProcessWithoutNullStreams; url: string };
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'entente-writeback-'));
    service = await serve(dataDir);
  });
  afterAll(async () => {
    await new Promise((done) => {
      service?.child.on('close', done);
      service?.child.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('When a partner’s registration is approved, then the linked deal’s Entente properties hold the decision within 10 seconds, read through HubSpot’s API', async () => {
    const fixture = (await (await fetch(`${service.url}/sandbox/fixture`)).json()) as Fixture;
    const hubspot = (path: string) =>
      fetch(`${fixture.hubspot.apiBaseUrl}${path}`, {
        headers: { authorization: `Bearer ${fixture.hubspot.accessToken}` },
      }).then((r) => r.json() as Promise<HubSpotObject>);

    // A customer nobody has registered yet, with exactly one open deal: the claim links to it.
    const claimed = new Set(fixture.registrations.map((r) => r.accountId));
    const openByAccount = new Map<string, Fixture['deals']>();
    for (const deal of fixture.deals)
      if (deal.accountId && deal.stageCategory === 'open' && !claimed.has(deal.accountId))
        openByAccount.set(deal.accountId, [...(openByAccount.get(deal.accountId) ?? []), deal]);
    const deal = [...openByAccount.values()].find((deals) => deals.length === 1)![0]!;
    const withCompany = await hubspot(`/crm/v3/objects/deals/${deal.crmId}?associations=companies`);
    const companyId = withCompany.associations!.companies.results[0]!.id;
    const company = await hubspot(`/crm/v3/objects/companies/${companyId}?properties=name,domain`);

    const partner = fixture.partners[0]!;
    const submitted = await fetch(`${service.url}/api/v1/registrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { name: company.properties.name, domain: company.properties.domain },
      }),
    });
    expect(submitted.status).toBe(201);
    const registration = (await submitted.json()) as { id: string; status: string };

    // The direct team works that deal, so a neutral partner manager decides; a stake is refused.
    if (registration.status !== 'approved') {
      let decided = 0;
      for (const user of fixture.users.filter((u) => u.roles.includes('partner_manager'))) {
        const answer = await fetch(`${service.url}/api/v1/registrations/${registration.id}/decisions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${fixture.adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ outcome: 'approve', reason: 'Evidence checked', actingUserId: user.id }),
        });
        decided = answer.status;
        if (decided === 200) break;
        expect(decided).toBe(403);
      }
      expect(decided).toBe(200);
    }
    const stored = (await (
      await fetch(`${service.url}/api/v1/registrations/${registration.id}`, {
        headers: { authorization: `Bearer ${partner.apiKey}` },
      })
    ).json()) as { status: string; protectedUntil: string };
    expect(stored.status).toBe('approved');

    const properties =
      'entente_registration_status,entente_partner,entente_partner_role,entente_protection_until';
    const { value, ms } = await waitFor(
      () => hubspot(`/crm/v3/objects/deals/${deal.crmId}?properties=${properties}`),
      (read) => read.properties?.entente_registration_status === 'approved',
      10_000,
    );
    expect(ms).toBeLessThanOrEqual(10_000);
    expect(value.properties).toMatchObject({
      entente_registration_status: 'approved',
      entente_partner: partner.name,
      entente_partner_role: 'sourced',
      entente_protection_until: stored.protectedUntil.slice(0, 10),
    });
    // The company goes out in its own batch, just after the deals.
    const onCompany = await waitFor(
      () => hubspot(`/crm/v3/objects/companies/${companyId}?properties=entente_partner`),
      (read) => !!read.properties?.entente_partner,
      10_000,
    );
    expect(onCompany.value.properties.entente_partner).toBe(partner.name);
  });
});
