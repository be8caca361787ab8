import { createServiceFetch, ServiceError } from './fetchFromService';

describe('fetchFromService', () => {
  it('When the service answers with an error envelope, then the stable code and message come through', async () => {
    const fetcher = createServiceFetch(async () => ({
      ok: false,
      status: 403,
      json: async () => ({
        error: { code: 'GOVERNANCE.NOT_NEUTRAL', message: 'You own the competing deal.' },
      }),
    }));
    await expect(fetcher('/x')).rejects.toMatchObject({
      status: 403,
      code: 'GOVERNANCE.NOT_NEUTRAL',
      message: 'You own the competing deal.',
    });
  });

  it('When the platform never answers, then the call gives up after the timeout', async () => {
    const fetcher = createServiceFetch(() => new Promise(() => undefined), { timeoutMs: 20 });
    const error = await fetcher('/slow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('CARD.TIMEOUT');
  });

  it('When the call is made, then it goes to the service origin with the method, body and timeout', async () => {
    const seen: unknown[] = [];
    const fetcher = createServiceFetch(async (url, options) => {
      seen.push([url, options]);
      return { ok: true, status: 200, json: async () => ({ ok: 1 }) };
    });
    await expect(
      fetcher('/hubspot/cards/registrations/r/decision', { method: 'POST', body: { outcome: 'approve' } }),
    ).resolves.toEqual({ ok: 1 });
    expect(seen).toEqual([
      [
        'https://api.entente.example/hubspot/cards/registrations/r/decision',
        { method: 'POST', timeout: 8000, body: { outcome: 'approve' } },
      ],
    ]);
  });

  it('When the network fails, then the card gets an error it can show', async () => {
    const fetcher = createServiceFetch(async () => {
      throw new Error('socket hang up');
    });
    await expect(fetcher('/x')).rejects.toMatchObject({ code: 'CARD.UNREACHABLE' });
  });
});
