// A deliberate copy of cards/utils/fetchFromService.ts. HubSpot builds each component folder
// (cards/, settings/) from its own package.json, so a module imported across folders is bundled
// with the other folder's React and breaks hooks. The platform offers no shared package for a
// project, so the settings page keeps its own copy. It differs in one way: the settings page also
// sends PUT (changing a user's roles). `SERVICE_ORIGIN` must stay equal to the cards' and to
// app-hsmeta.json `permittedUrls.fetch`; noCrossFolderImports.test.ts checks both.
import { hubspot } from '@hubspot/ui-extensions';

/** The service's public origin; it must be listed in app-hsmeta.json `permittedUrls.fetch`. */
export const SERVICE_ORIGIN = 'https://api.entente.example';

/**
 * hubspot.fetch allows 15 s; we give up earlier so an admin is never left watching a spinner and
 * HubSpot's own retry of a 5xx still fits inside the page's patience.
 */
export const SERVICE_TIMEOUT_MS = 8_000;

export type ServiceMethod = 'GET' | 'POST' | 'PUT';

export type ServiceRequest = { method?: ServiceMethod; body?: Record<string, unknown> };

/** What the page needs from the outside world: a JSON call to the service. Tests pass a fake. */
export type ServiceFetch = (path: string, request?: ServiceRequest) => Promise<unknown>;

/** A failed call, with the service's stable error code (and details) when it sent them. */
export class ServiceError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ServiceError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// The extension worker has timers but no DOM, and the project compiles without DOM types on purpose.
declare function setTimeout(run: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

export type FetchLike = (
  url: string,
  options: { method: ServiceMethod; body?: Record<string, unknown>; timeout: number },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

const envelopeOf = (body: unknown): { code?: string; message?: string; details?: unknown } => {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object')
      return error as { code?: string; message?: string; details?: unknown };
  }
  return {};
};

/**
 * Wraps a fetch (hubspot.fetch on the page, a signed Node fetch in `entente preview`) with a
 * timeout that also fires if the platform never answers, and turns error envelopes into
 * ServiceError. HubSpot signs the request and appends portalId, userId and userEmail itself.
 */
export const createServiceFetch =
  (fetchImpl: FetchLike, { origin = SERVICE_ORIGIN, timeoutMs = SERVICE_TIMEOUT_MS } = {}): ServiceFetch =>
  async (path, request = {}) => {
    const method = request.method ?? 'GET';
    let timer: unknown;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceError(0, 'CARD.TIMEOUT', 'Entente took too long to answer. Try again in a moment.'),
          ),
        timeoutMs,
      );
    });
    try {
      const response = await Promise.race([
        fetchImpl(`${origin}${path}`, {
          method,
          timeout: timeoutMs,
          ...(request.body ? { body: request.body } : {}),
        }),
        timeout,
      ]);
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const error = envelopeOf(body);
        throw new ServiceError(
          response.status,
          error.code ?? 'CARD.HTTP_ERROR',
          error.message ?? `Entente answered with status ${response.status}.`,
          error.details,
        );
      }
      return body;
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      throw new ServiceError(
        0,
        'CARD.UNREACHABLE',
        'Entente could not be reached. Check your connection and try again.',
      );
    } finally {
      clearTimeout(timer);
    }
  };

/** The fetch the settings page uses inside HubSpot. */
export const hubspotServiceFetch: ServiceFetch = createServiceFetch((url, options) =>
  hubspot.fetch(url, options),
);
