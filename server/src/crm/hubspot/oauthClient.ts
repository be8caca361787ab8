import { z } from 'zod';
import { CrmErrors } from '../crmErrors.js';

export type HubSpotOAuthSettings = {
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
  /**
   * `/oauth/v1/token` (legacy) or a v3 path (`/oauth/v3/token`, `/oauth/2026-03/token`); both take
   * the same form-encoded request. It also decides how a token is identified (`tokenInfo`).
   */
  tokenPath: string;
  redirectUri: string;
};

export type TokenGrant = { accessToken: string; refreshToken: string; expiresInSeconds: number };

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});
const oauthErrorSchema = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
  message: z.string().optional(),
});
/** `GET /oauth/v1/access-tokens/{token}` (legacy, retires with OAuth v1 on 16 Feb 2027). */
const legacyTokenInfoSchema = z.object({
  hub_id: z.coerce.number().int(),
  user_id: z.coerce.number().int().optional(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()).default([]),
});
/** `POST {token path}/introspect` for an active access token. */
const introspectionSchema = z.object({
  active: z.literal(true),
  token_use: z.string().optional(),
  hub_id: z.coerce.number().int(),
  user_id: z.coerce.number().int().optional(),
  client_id: z.string().optional(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()).default([]),
});

export type TokenInfo = {
  portalId: string;
  /** The HubSpot user who installed (granted) the token: a user id, not an owner id. */
  userId: string | undefined;
  /** That user's e-mail, as HubSpot has it. */
  userEmail: string | undefined;
  hubDomain: string | undefined;
  scopes: string[];
};

/** The legacy v1 token path; any other path is a v3 one (`/oauth/v3/token`, `/oauth/2026-03/token`). */
export const isLegacyTokenPath = (tokenPath: string): boolean => tokenPath.startsWith('/oauth/v1/');

/** Token introspection sits under the token endpoint: `/oauth/2026-03/token/introspect`. */
export const introspectionPath = (tokenPath: string): string => `${tokenPath.replace(/\/+$/, '')}/introspect`;

/** Why a token request failed, in RFC 6749 words; `invalid_grant` means the refresh token is dead. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

const post = async (settings: HubSpotOAuthSettings, form: Record<string, string>): Promise<TokenGrant> => {
  let response: Response;
  try {
    response = await fetch(`${settings.apiBaseUrl}${settings.tokenPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        ...form,
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
      }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new OAuthError('temporarily_unavailable', 'HubSpot could not be reached for a token', 503);
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const parsed = oauthErrorSchema.safeParse(body);
    const error = parsed.success ? (parsed.data.error ?? 'invalid_request') : 'invalid_request';
    const description = parsed.success
      ? (parsed.data.error_description ?? parsed.data.message ?? error)
      : error;
    throw new OAuthError(
      response.status >= 500 ? 'temporarily_unavailable' : error,
      description,
      response.status,
    );
  }
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success)
    throw new OAuthError(
      'invalid_response',
      'HubSpot answered the token request with an unexpected body',
      502,
    );
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresInSeconds: parsed.data.expires_in,
  };
};

const unidentified = () => CrmErrors.rejected('HubSpot did not identify the portal for this token');

const legacyTokenInfo = async (settings: HubSpotOAuthSettings, accessToken: string): Promise<TokenInfo> => {
  const response = await fetch(
    `${settings.apiBaseUrl}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`,
    { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) },
  ).catch(() => undefined);
  if (!response || response.status >= 500)
    throw CrmErrors.unavailable('HubSpot could not be reached to identify the portal');
  const parsed = legacyTokenInfoSchema.safeParse(await response.json().catch(() => ({})));
  if (!response.ok || !parsed.success) throw unidentified();
  return {
    portalId: String(parsed.data.hub_id),
    userId: parsed.data.user_id === undefined ? undefined : String(parsed.data.user_id),
    userEmail: parsed.data.user,
    hubDomain: parsed.data.hub_domain,
    scopes: parsed.data.scopes,
  };
};

const introspect = async (settings: HubSpotOAuthSettings, accessToken: string): Promise<TokenInfo> => {
  const response = await fetch(`${settings.apiBaseUrl}${introspectionPath(settings.tokenPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      token: accessToken,
      token_type_hint: 'access_token',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
    }),
    signal: AbortSignal.timeout(15_000),
  }).catch(() => undefined);
  if (!response || response.status >= 500)
    throw CrmErrors.unavailable('HubSpot could not be reached to identify the portal');
  // An unknown, expired or revoked token is `{ active: false }`, which the schema refuses.
  const parsed = introspectionSchema.safeParse(await response.json().catch(() => ({})));
  if (!response.ok || !parsed.success) throw unidentified();
  const info = parsed.data;
  // Only an access token issued to this app names the portal being installed.
  if (info.token_use !== undefined && info.token_use !== 'access_token') throw unidentified();
  if (info.client_id !== undefined && info.client_id !== settings.clientId) throw unidentified();
  return {
    portalId: String(info.hub_id),
    userId: info.user_id === undefined ? undefined : String(info.user_id),
    userEmail: info.user,
    hubDomain: info.hub_domain,
    scopes: info.scopes,
  };
};

/** The OAuth endpoints, called directly: the api-client only knows the legacy v1 token path. */
export const hubspotOAuth = (settings: HubSpotOAuthSettings) => ({
  exchangeCode: (code: string) =>
    post(settings, { grant_type: 'authorization_code', code, redirect_uri: settings.redirectUri }),
  refresh: (refreshToken: string) =>
    post(settings, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      redirect_uri: settings.redirectUri,
    }),
  /**
   * Which portal a token belongs to and which HubSpot user granted it. On the v3 endpoints this is
   * token introspection (client credentials and the token in the form body, never in the URL).
   * The v1 metadata read stays only for the legacy `/oauth/v1/token` setting: that setting is for
   * apps not yet moved to the v3 endpoints, so it keeps the whole OAuth conversation on v1, and
   * both retire together on 16 Feb 2027 (when the setting and this branch go).
   */
  tokenInfo: (accessToken: string): Promise<TokenInfo> =>
    isLegacyTokenPath(settings.tokenPath)
      ? legacyTokenInfo(settings, accessToken)
      : introspect(settings, accessToken),
});
export type HubSpotOAuth = ReturnType<typeof hubspotOAuth>;
