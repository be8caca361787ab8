import { z } from 'zod';
import { CrmErrors } from '../crmErrors.js';

export type HubSpotOAuthSettings = {
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
  /** `/oauth/v1/token` or a v3 path; both take the same form-encoded request. */
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
const tokenInfoSchema = z.object({
  hub_id: z.coerce.number().int(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()).default([]),
});
export type TokenInfo = {
  portalId: string;
  user: string | undefined;
  hubDomain: string | undefined;
  scopes: string[];
};

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
  /** Which portal a token belongs to (`GET /oauth/v1/access-tokens/{token}`). */
  async tokenInfo(accessToken: string): Promise<TokenInfo> {
    const response = await fetch(
      `${settings.apiBaseUrl}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`,
      {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(15_000),
      },
    ).catch(() => undefined);
    if (!response) throw CrmErrors.unavailable('HubSpot could not be reached to identify the portal');
    const parsed = tokenInfoSchema.safeParse(await response.json().catch(() => ({})));
    if (!response.ok || !parsed.success)
      throw CrmErrors.rejected('HubSpot did not identify the portal for this token');
    return {
      portalId: String(parsed.data.hub_id),
      user: parsed.data.user,
      hubDomain: parsed.data.hub_domain,
      scopes: parsed.data.scopes,
    };
  },
});
export type HubSpotOAuth = ReturnType<typeof hubspotOAuth>;
