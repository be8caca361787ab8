import nock from 'nock';
import { hubspotOAuth, introspectionPath } from './oauthClient.js';

const API = 'https://api.hubapi.com';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.restore());

const settings = (tokenPath: string) => ({
  clientId: 'cid',
  clientSecret: 'csecret',
  apiBaseUrl: API,
  tokenPath,
  redirectUri: 'https://entente.example/oauth/hubspot/callback',
});

/** HubSpot's introspection answer for an active access token (2026-03 reference). */
const introspection = {
  token_use: 'access_token',
  active: true,
  token: 'at-1',
  hub_id: 62515,
  user_id: 123456,
  client_id: 'cid',
  app_id: 456789,
  scopes: ['oauth', 'crm.objects.deals.read'],
  signed_access_token: { appId: 456789, hubId: 62515, userId: 123456, installingUserId: 123456 },
  expires_in: 1750,
  is_private_distribution: false,
  token_type: 'bearer',
  user: 'Ada.Admin@example.com',
  hub_domain: 'demo.hubspot.com',
};

describe('Identifying a token', () => {
  it('When the token path is a v3 one, then the token is introspected with the credentials in the form body and none in the URL', async () => {
    let form: URLSearchParams | undefined;
    let query = '';
    nock(API)
      .post('/oauth/2026-03/token/introspect', (body: Record<string, string>) => {
        form = new URLSearchParams(body);
        return true;
      })
      .query((q) => {
        query = new URLSearchParams(q as Record<string, string>).toString();
        return true;
      })
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, introspection);
    await expect(hubspotOAuth(settings('/oauth/2026-03/token')).tokenInfo('at-1')).resolves.toEqual({
      portalId: '62515',
      userId: '123456',
      userEmail: 'Ada.Admin@example.com',
      hubDomain: 'demo.hubspot.com',
      scopes: ['oauth', 'crm.objects.deals.read'],
    });
    expect(Object.fromEntries(form ?? [])).toEqual({
      token: 'at-1',
      token_type_hint: 'access_token',
      client_id: 'cid',
      client_secret: 'csecret',
    });
    expect(query).toBe('');
    expect(nock.isDone()).toBe(true);
    expect(introspectionPath('/oauth/v3/token')).toBe('/oauth/v3/token/introspect');
  });

  it('When the token is inactive, issued to another app or not an access token, then the portal is not identified; when HubSpot is down, it is unavailable', async () => {
    const oauth = hubspotOAuth(settings('/oauth/v3/token'));
    const answer = (body: object, status = 200) =>
      nock(API).post('/oauth/v3/token/introspect').reply(status, body);
    answer({ active: false });
    await expect(oauth.tokenInfo('gone')).rejects.toMatchObject({ code: 'CRM.REQUEST_REJECTED' });
    answer({ ...introspection, client_id: 'someone-else' });
    await expect(oauth.tokenInfo('at-1')).rejects.toMatchObject({ code: 'CRM.REQUEST_REJECTED' });
    answer({ ...introspection, token_use: 'refresh_token' });
    await expect(oauth.tokenInfo('rt-1')).rejects.toMatchObject({ code: 'CRM.REQUEST_REJECTED' });
    answer({ status: 'error', message: 'internal error' }, 502);
    await expect(oauth.tokenInfo('at-1')).rejects.toMatchObject({ code: 'CRM.UNAVAILABLE' });
  });

  it('When the legacy v1 token path is configured, then the token is identified the v1 way, with the installing user', async () => {
    nock(API)
      .get('/oauth/v1/access-tokens/at-1')
      .reply(200, { token: 'at-1', hub_id: 62515, user_id: 7, user: 'a@example.com', scopes: ['oauth'] });
    await expect(hubspotOAuth(settings('/oauth/v1/token')).tokenInfo('at-1')).resolves.toEqual({
      portalId: '62515',
      userId: '7',
      userEmail: 'a@example.com',
      hubDomain: undefined,
      scopes: ['oauth'],
    });
  });
});
