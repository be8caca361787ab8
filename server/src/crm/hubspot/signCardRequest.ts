import { signV3 } from './webhookSignature.js';

export type CardSigner = {
  /** The service origin HubSpot calls (PUBLIC_URL): the signature covers the full URL. */
  publicUrl: string;
  clientSecret: string;
  portalId: string;
  appId: string;
};

export type CardUser = { hubspotUserId: string; email: string };

/**
 * Builds a request exactly as HubSpot sends a card's hubspot.fetch: portalId, userId, userEmail
 * and appId appended to the URL, then signed (v3) over method, full URL, body and timestamp.
 */
export const signCardRequest = (
  signer: CardSigner,
  user: CardUser,
  request: { method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown; timestamp: number },
) => {
  const url = new URL(`${signer.publicUrl}${request.path}`);
  url.searchParams.set('userId', user.hubspotUserId);
  url.searchParams.set('userEmail', user.email);
  url.searchParams.set('portalId', signer.portalId);
  url.searchParams.set('appId', signer.appId);
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const timestamp = String(request.timestamp);
  const fullUrl = url.toString();
  return {
    url: fullUrl,
    /** Path and query, for clients that talk to another origin than the public one (tests, a proxy). */
    pathAndQuery: `${url.pathname}${url.search}`,
    body,
    headers: {
      'x-hubspot-signature-v3': signV3(signer.clientSecret, request.method, fullUrl, body, timestamp),
      'x-hubspot-request-timestamp': timestamp,
      ...(body ? { 'content-type': 'application/json' } : {}),
    } as Record<string, string>,
  };
};
