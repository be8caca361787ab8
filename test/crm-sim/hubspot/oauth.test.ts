import { startHubSpotSimulator, type HubSpotSimulator } from '../index.js';

const REDIRECT = 'https://entente.example/oauth/hubspot/callback';
const ENTENTE_SCOPES = ['oauth', 'crm.objects.deals.read', 'crm.objects.owners.read'];
const CUSTOM_SCOPES = ['crm.objects.custom.read', 'crm.schemas.custom.read', 'crm.schemas.custom.write'];

/** OAuth v3 (token, introspection), the installing user, and scopes the account grants and enforces. */
describe('HubSpot simulator: OAuth v3 and scopes', () => {
  let sim: HubSpotSimulator;
  const BARE_PORTAL = 20_269_999;

  beforeAll(async () => {
    sim = await startHubSpotSimulator({ latencyMs: 0, size: 6 });
    sim.addPortal(BARE_PORTAL, { size: 3, customObjects: false });
  });
  afterAll(() => sim.close());

  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  const credentials = () => ({ client_id: sim.clientId, client_secret: sim.clientSecret });
  /** Consents (as `who` says) and redeems the code on a v3 token endpoint. */
  const install = async (who: Parameters<HubSpotSimulator['authorizeUrl']>[3] = {}, state?: string) => {
    const consent = await fetch(sim.authorizeUrl(REDIRECT, ENTENTE_SCOPES, state, who), {
      redirect: 'manual',
    });
    const location = new URL(consent.headers.get('location') ?? '');
    const code = location.searchParams.get('code') ?? '';
    const tokens = (await (
      await fetch(
        `${sim.url}/oauth/2026-03/token`,
        form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...credentials() }),
      )
    ).json()) as { access_token: string; refresh_token: string };
    return { location, tokens };
  };
  const introspect = async (token: string, hint?: string) =>
    fetch(
      `${sim.url}/oauth/2026-03/token/introspect`,
      form({ token, ...(hint ? { token_type_hint: hint } : {}), ...credentials() }),
    );

  it('When a v3 endpoint gets the client credentials in the query string, then it answers 400 invalid_request as HubSpot does', async () => {
    const { tokens } = await install();
    const query = new URLSearchParams(credentials());
    for (const path of ['/oauth/v3/token', '/oauth/2026-03/token', '/oauth/2026-03/token/introspect']) {
      const response = await fetch(
        `${sim.url}${path}?${query}`,
        form({
          grant_type: 'refresh_token',
          refresh_token: tokens.refresh_token,
          token: tokens.access_token,
        }),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
    // In the body the same request works.
    const refreshed = await fetch(
      `${sim.url}/oauth/v3/token`,
      form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, ...credentials() }),
    );
    expect(refreshed.status).toBe(200);
  });

  it('When a token is introspected, then it names the portal, the installing user and the scopes; an unknown token is inactive and a wrong client is refused', async () => {
    const owner = sim.portals.get(sim.portalId)!.owners[0]!;
    const { tokens } = await install();
    const access = await introspect(tokens.access_token);
    expect(access.status).toBe(200);
    expect(await access.json()).toMatchObject({
      active: true,
      token_use: 'access_token',
      hub_id: sim.portalId,
      user_id: owner.userId,
      user: owner.email,
      client_id: sim.clientId,
      app_id: sim.appId,
      scopes: ENTENTE_SCOPES,
      expires_in: expect.any(Number),
      hub_domain: expect.stringContaining('hubspot'),
    });
    expect(await (await introspect(tokens.refresh_token, 'refresh_token')).json()).toMatchObject({
      active: true,
      token_use: 'refresh_token',
      hub_id: sim.portalId,
    });
    expect(await (await introspect('CJ-not-a-token')).json()).toEqual({ active: false });
    const wrongClient = await fetch(
      `${sim.url}/oauth/2026-03/token/introspect`,
      form({ token: tokens.access_token, client_id: sim.clientId, client_secret: 'nope' }),
    );
    expect(wrongClient.status).toBe(400);
    expect(await wrongClient.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('When the install names a user, then the token is theirs; without one it is the account’s first owner; without state the redirect has none', async () => {
    const second = sim.portals.get(sim.portalId)!.owners[1]!;
    const chosen = await install({ userId: second.userId }, 'abc');
    expect(chosen.location.searchParams.get('state')).toBe('abc');
    expect(await (await introspect(chosen.tokens.access_token)).json()).toMatchObject({
      user_id: second.userId,
      user: second.email,
    });
    const stranger = await install({ userId: 123 });
    expect(stranger.location.searchParams.has('state')).toBe(false);
    expect(await (await introspect(stranger.tokens.access_token)).json()).toMatchObject({
      user_id: 123,
      user: `user-123@${sim.portals.get(sim.portalId)!.domain}`,
    });
  });

  it('When the account has no custom objects, then the optional custom-object scopes are not granted and the schemas API answers 403 MISSING_SCOPES while properties still work', async () => {
    const bare = await install({ portalId: BARE_PORTAL, optionalScopes: CUSTOM_SCOPES });
    const info = (await (await introspect(bare.tokens.access_token)).json()) as { scopes: string[] };
    expect(info.scopes).toEqual(ENTENTE_SCOPES);
    const auth = { authorization: `Bearer ${bare.tokens.access_token}` };
    const schemas = await fetch(`${sim.url}/crm-object-schemas/v3/schemas`, { headers: auth });
    expect(schemas.status).toBe(403);
    expect(await schemas.json()).toMatchObject({
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGranularScopes: ['crm.schemas.custom.read'] } }],
    });
    const create = await fetch(`${sim.url}/crm-object-schemas/v3/schemas`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', labels: { singular: 'X', plural: 'Xs' }, properties: [] }),
    });
    expect(create.status).toBe(403);
    expect((await fetch(`${sim.url}/crm/v3/properties/deals`, { headers: auth })).status).toBe(200);
    // A default token there has no custom-object scopes either.
    const issued = sim.issueToken(BARE_PORTAL);
    expect(
      (
        await fetch(`${sim.url}/crm-object-schemas/v3/schemas`, {
          headers: { authorization: `Bearer ${issued.accessToken}` },
        })
      ).status,
    ).toBe(403);

    // An account with custom objects grants them and answers.
    const full = await install({ optionalScopes: CUSTOM_SCOPES });
    const granted = (await (await introspect(full.tokens.access_token)).json()) as { scopes: string[] };
    expect(granted.scopes).toEqual([...ENTENTE_SCOPES, ...CUSTOM_SCOPES]);
    const listed = await fetch(`${sim.url}/crm-object-schemas/v3/schemas`, {
      headers: { authorization: `Bearer ${full.tokens.access_token}` },
    });
    expect(listed.status).toBe(200);
    // Asking for a custom-object scope as required where the account has none: no install.
    const refused = await fetch(
      sim.authorizeUrl(REDIRECT, ['oauth', 'crm.schemas.custom.read'], undefined, { portalId: BARE_PORTAL }),
      { redirect: 'manual' },
    );
    expect(refused.status).toBe(400);
  });
});
