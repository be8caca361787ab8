import { createServiceFetch, ServiceError } from './fetchFromService';

describe('The settings page fetch wrapper', () => {
  it('When roles are changed, then the PUT goes to the service origin with its body and timeout', async () => {
    const seen: unknown[] = [];
    const fetcher = createServiceFetch(async (url, options) => {
      seen.push([url, options]);
      return { ok: true, status: 200, json: async () => ({ changed: true }) };
    });
    await expect(
      fetcher('/hubspot/cards/settings/users/u-1/roles', { method: 'PUT', body: { roles: ['seller'] } }),
    ).resolves.toEqual({ changed: true });
    expect(seen).toEqual([
      [
        'https://api.entente.example/hubspot/cards/settings/users/u-1/roles',
        { method: 'PUT', timeout: 8000, body: { roles: ['seller'] } },
      ],
    ]);
  });

  it('When the service answers 422 with details, then the code, message and details come through', async () => {
    const details = { invalid: [{ field: 'domains', message: 'x is not a domain.' }] };
    const fetcher = createServiceFetch(async () => ({
      ok: false,
      status: 422,
      json: async () => ({ error: { code: 'PARTNERS.INVALID_FIELDS', message: 'Invalid.', details } }),
    }));
    await expect(fetcher('/x', { method: 'POST', body: {} })).rejects.toMatchObject({
      status: 422,
      code: 'PARTNERS.INVALID_FIELDS',
      message: 'Invalid.',
      details,
    });
  });

  it('When the platform never answers, then the call gives up after the timeout', async () => {
    const fetcher = createServiceFetch(() => new Promise(() => undefined), { timeoutMs: 20 });
    const error = await fetcher('/slow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('CARD.TIMEOUT');
  });

  it('When the network fails, then the page gets an error it can show', async () => {
    const fetcher = createServiceFetch(async () => {
      throw new Error('socket hang up');
    });
    await expect(fetcher('/x')).rejects.toMatchObject({ code: 'CARD.UNREACHABLE' });
  });
});
