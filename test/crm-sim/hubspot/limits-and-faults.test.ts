import { Client } from '@hubspot/api-client';
import { plainRequest, type PlainRequest } from '../common/http-request.js';
import { startHubSpotSimulator, type HubSpotSimulator } from './simulator.js';

describe('HubSpot simulator limits and faults', () => {
  let sim: HubSpotSimulator;
  let token: string;
  const get = async (path: string, init: PlainRequest = {}) => {
    const response = await plainRequest(`${sim.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    return {
      status: response.status,
      header: (name: string) => response.headers[name] ?? null,
      json: () => JSON.parse(response.body) as unknown,
    };
  };
  const search = () =>
    get('/crm/v3/objects/deals/search', { method: 'POST', body: JSON.stringify({ limit: 1 }) });

  /** Replaces the simulator with one on a hand-driven clock. */
  const restartWithClock = async (
    clock: () => number,
    options: Parameters<typeof startHubSpotSimulator>[0] = {},
  ) => {
    await sim.close();
    sim = await startHubSpotSimulator({
      port: 0,
      latencyMs: 0,
      size: 10,
      clock,
      searchIndexDelayMs: 0,
      ...options,
    });
    token = sim.issueToken().accessToken;
  };

  beforeEach(async () => {
    sim = await startHubSpotSimulator({ port: 0, latencyMs: 0, seed: 2, size: 30, searchIndexDelayMs: 0 });
    token = sim.issueToken().accessToken;
  });
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sim.close();
  });

  it('When the 111th request arrives inside 10 seconds, then it gets the TEN_SECONDLY_ROLLING 429 with headers', async () => {
    for (let i = 0; i < 110; i += 1) {
      const response = await get('/crm/v3/objects/deals?limit=1');
      expect(response.status).toBe(200);
      expect(response.header('x-hubspot-ratelimit-remaining')).toBe(String(109 - i));
    }
    const rejected = await get('/crm/v3/objects/deals?limit=1');
    expect(rejected.status).toBe(429);
    expect(rejected.header('x-hubspot-ratelimit-max')).toBe('110');
    expect(rejected.header('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(rejected.header('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(rejected.json()).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: expect.any(String),
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: expect.any(String),
    });
  });

  it('When the window rolls past the oldest request, then requests are accepted again', async () => {
    let now = 1_000_000;
    await restartWithClock(() => now, { limits: { max: 3, intervalMs: 1_000 } });
    token = sim.issueToken().accessToken;
    for (let i = 0; i < 3; i += 1) expect((await get('/crm/v3/owners')).status).toBe(200);
    expect((await get('/crm/v3/owners')).status).toBe(429);
    now += 1_001;
    expect((await get('/crm/v3/owners')).status).toBe(200);
  });

  it('When a sixth search arrives within a second, then it gets the SECONDLY 429 without counting against the ten-second limit', async () => {
    let now = 5_000_000;
    await restartWithClock(() => now);
    for (let i = 0; i < 5; i += 1) expect((await search()).status).toBe(200);
    const rejected = await search();
    expect(rejected.status).toBe(429);
    expect(rejected.header('x-hubspot-ratelimit-max')).toBeNull();
    expect(rejected.json()).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
    });
    expect((await get('/crm/v3/owners')).header('x-hubspot-ratelimit-remaining')).toBe('109');
    now += 1_000;
    expect((await search()).status).toBe(200);
  });

  it('When a batch has 101 inputs, then the whole batch is rejected with a 400 VALIDATION_ERROR', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ properties: { dealname: `D${i}` } }));
    const response = await get('/crm/v3/objects/deals/batch/create', {
      method: 'POST',
      body: JSON.stringify({ inputs }),
    });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: expect.stringContaining('100'),
    });
    const all = await new Client({ accessToken: token, basePath: sim.url }).crm.deals.getAll(100);
    expect(all).toHaveLength(30);
  });

  it('When a record is created, then search sees it only after the indexing delay', async () => {
    let now = 9_000_000;
    await restartWithClock(() => now, { searchIndexDelayMs: 3_000 });
    await get('/crm/v3/objects/deals', {
      method: 'POST',
      body: JSON.stringify({ properties: { dealname: 'Fresh deal' } }),
    });
    const query = () =>
      get('/crm/v3/objects/deals/search', { method: 'POST', body: JSON.stringify({ query: 'Fresh' }) });
    expect(((await query()).json() as { total: number }).total).toBe(0);
    now += 3_000;
    expect(((await query()).json() as { total: number }).total).toBe(1);
  });

  it('When search pages past 10,000 results, then HubSpot refuses', async () => {
    const response = await get('/crm/v3/objects/deals/search', {
      method: 'POST',
      body: JSON.stringify({ limit: 100, after: '9950' }),
    });
    expect(response.status).toBe(400);
  });

  it('When 5xx, reset and timeout faults are injected, then the matching requests fail that way and later ones succeed', async () => {
    sim.faults.inject({ kind: '5xx', count: 2, status: 503, pathPrefix: '/crm/v3/objects/deals' });
    expect((await get('/crm/v3/owners')).status).toBe(200);
    expect((await get('/crm/v3/objects/deals')).status).toBe(503);
    expect((await get('/crm/v3/objects/deals')).status).toBe(503);
    expect((await get('/crm/v3/objects/deals')).status).toBe(200);
    sim.faults.inject({ kind: 'reset' });
    await expect(get('/crm/v3/owners')).rejects.toThrow();
    sim.faults.inject({ kind: 'timeout', holdMs: 50 });
    await expect(get('/crm/v3/owners', { timeoutMs: 2_000 })).rejects.toThrow();
    expect(sim.faults.hits()).toMatchObject({ '5xx': 2, reset: 1, timeout: 1 });
  });

  it('When tokens are expired by a fault, then calls get EXPIRED_AUTHENTICATION and a new token works', async () => {
    sim.faults.inject({ kind: 'expire_tokens' });
    const expired = await get('/crm/v3/objects/deals?limit=1');
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });
    token = sim.issueToken().accessToken;
    expect((await get('/crm/v3/objects/deals?limit=1')).status).toBe(200);
  });

  it('When the app uninstalls itself, then every token for the portal stops working', async () => {
    const response = await get('/appinstalls/v3/external-install', { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect((await get('/crm/v3/owners')).status).toBe(401);
  });
});
