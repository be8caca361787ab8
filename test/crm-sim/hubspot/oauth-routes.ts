import { Router, type Request, type Response } from 'express';
import { correlationId } from '../common/ids.js';
import type { HubSpotContext } from './context.js';
import { DEFAULT_SCOPES, grantable, installingUser, type Grant } from './tokens.js';

const oauthError = (res: Response, status: string, error: string, description: string): void => {
  res.status(400).json({
    status,
    message: description,
    correlationId: correlationId(),
    error,
    error_description: description,
  });
};

const tokenNotFound = (res: Response): void => {
  res.status(404).json({
    status: 'error',
    message: 'Token not found',
    correlationId: correlationId(),
    category: 'OBJECT_NOT_FOUND',
  });
};

/** The authorize page and the legacy v1 endpoints read parameters from the query or the body. */
const field = (req: Request, name: string): string | undefined => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name] ?? req.query[name];
  return typeof value === 'string' ? value : undefined;
};

/** The v3 endpoints read the form body only. */
const formField = (req: Request, name: string): string | undefined => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The v3 endpoints take client credentials in the form body; in the query string (where they
 * would end up in logs) HubSpot refuses the request. Answers 400 and returns false then.
 */
const credentialsInBody = (req: Request, res: Response): boolean => {
  if (req.query.client_id === undefined && req.query.client_secret === undefined) return true;
  oauthError(
    res,
    'BAD_REQUEST',
    'invalid_request',
    'client_id and client_secret must be sent in the form-encoded request body, not in the query string',
  );
  return false;
};

const scopeList = (value: string | undefined): string[] => (value ?? '').split(/[ +]/).filter(Boolean);

/**
 * OAuth as a marketplace app sees it. The authorize page consents at once (there is no user to ask)
 * and redirects with a code; `portalId` in the query picks the installing account and `userId` the
 * installing user (by default the account's first owner). Without `state` in the request (an
 * install started from the app's install URL in HubSpot) the redirect carries none either.
 */
export const oauthRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  const { tokens } = ctx;

  router.get('/oauth/authorize', (req, res) => {
    const clientId = field(req, 'client_id');
    const redirectUri = field(req, 'redirect_uri');
    if (clientId !== tokens.app.clientId || !redirectUri) {
      res.status(400).type('text/plain').send('Invalid client_id or redirect_uri');
      return;
    }
    const portalId = Number(field(req, 'portalId') ?? ctx.defaultPortalId);
    if (!ctx.store.portals.has(portalId)) ctx.store.addPortal(portalId);
    const portal = ctx.store.portal(portalId);
    const required = scopeList(field(req, 'scope'));
    // An account that cannot grant a required scope cannot install the app at all.
    const unavailable = required.filter((scope) => !grantable(portal, scope));
    if (unavailable.length > 0) {
      res
        .status(400)
        .type('text/plain')
        .send(`This account does not have access to the required scopes: ${unavailable.join(', ')}`);
      return;
    }
    // Optional scopes the account cannot grant (custom objects without Enterprise) are left out.
    const optional = scopeList(field(req, 'optional_scope')).filter((scope) => grantable(portal, scope));
    const scopes = [...new Set([...required, ...optional])];
    // `userId` picks who consents (any HubSpot user of the account); by default its first owner.
    const userId = field(req, 'userId');
    const grant: Grant = {
      portalId,
      scopes: scopes.length > 0 ? scopes : DEFAULT_SCOPES.filter((scope) => grantable(portal, scope)),
      ...installingUser(portal, userId !== undefined && /^\d+$/.test(userId) ? Number(userId) : undefined),
    };
    const target = new URL(redirectUri);
    target.searchParams.set('code', tokens.createCode(grant, redirectUri));
    const state = field(req, 'state');
    if (state !== undefined) target.searchParams.set('state', state);
    res.redirect(302, target.toString());
  });

  const token = (version: 'v1' | 'v3') => (req: Request, res: Response) => {
    if (version === 'v3' && !credentialsInBody(req, res)) return;
    // The legacy endpoint also read its parameters from the query string; v3 reads the body only.
    const read = version === 'v3' ? formField : field;
    const grantType = read(req, 'grant_type');
    if (
      read(req, 'client_id') !== tokens.app.clientId ||
      read(req, 'client_secret') !== tokens.app.clientSecret
    ) {
      oauthError(res, 'BAD_CLIENT_ID', 'invalid_client', 'missing or invalid client_id / client_secret');
      return;
    }
    let grant: Grant | undefined;
    let refreshToken: string | undefined;
    if (grantType === 'authorization_code') {
      grant = tokens.redeemCode(read(req, 'code') ?? '', read(req, 'redirect_uri'));
      if (!grant) {
        oauthError(res, 'BAD_AUTH_CODE', 'invalid_grant', 'missing or unknown auth code');
        return;
      }
    } else if (grantType === 'refresh_token') {
      refreshToken = read(req, 'refresh_token') ?? '';
      grant = tokens.refreshGrant(refreshToken);
      if (!grant) {
        oauthError(res, 'BAD_REFRESH_TOKEN', 'invalid_grant', 'missing or unknown refresh token');
        return;
      }
    } else {
      oauthError(
        res,
        'BAD_GRANT_TYPE',
        'unsupported_grant_type',
        `unsupported grant_type: ${grantType ?? ''}`,
      );
      return;
    }
    const issued = tokens.issue(grant, refreshToken);
    res.json({
      token_type: 'bearer',
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      expires_in: issued.expiresIn,
      ...(version === 'v3' ? { hub_id: grant.portalId, scopes: grant.scopes, user_id: grant.userId } : {}),
    });
  };
  router.post('/oauth/v1/token', token('v1'));
  router.post('/oauth/v3/token', token('v3'));
  router.post('/oauth/2026-03/token', token('v3'));

  /**
   * Token introspection (`POST /oauth/2026-03/token/introspect`, also `/oauth/v3/...`), the
   * successor of the v1 token metadata endpoints: form body with the app's credentials, `token`
   * and an optional `token_type_hint`. An unknown or expired token is `{ active: false }`.
   */
  const introspect = (req: Request, res: Response) => {
    if (!credentialsInBody(req, res)) return;
    if (
      formField(req, 'client_id') !== tokens.app.clientId ||
      formField(req, 'client_secret') !== tokens.app.clientSecret
    ) {
      oauthError(res, 'BAD_CLIENT_ID', 'invalid_client', 'missing or invalid client_id / client_secret');
      return;
    }
    const token = formField(req, 'token') ?? '';
    const refreshFirst = formField(req, 'token_type_hint') === 'refresh_token';
    const access = () => {
      const info = tokens.accessInfo(token);
      return info && { use: 'access_token' as const, grant: info, expiresIn: info.expiresIn };
    };
    const refresh = () => {
      const grant = tokens.refreshInfo(token);
      return grant && { use: 'refresh_token' as const, grant, expiresIn: undefined };
    };
    const found = refreshFirst ? (refresh() ?? access()) : (access() ?? refresh());
    if (!found) {
      res.json({ active: false });
      return;
    }
    const { grant } = found;
    res.json({
      token_use: found.use,
      active: true,
      token,
      hub_id: grant.portalId,
      user_id: grant.userId,
      client_id: tokens.app.clientId,
      app_id: tokens.app.appId,
      scopes: grant.scopes,
      signed_access_token: {
        appId: tokens.app.appId,
        ...(found.expiresIn === undefined ? {} : { expiresAt: ctx.clock() + found.expiresIn * 1000 }),
        hubId: grant.portalId,
        hublet: 'na1',
        installingUserId: grant.userId,
        isPrivateDistribution: false,
        isServiceAccount: false,
        isUserLevel: false,
        scopes: grant.scopes.join(' '),
        userId: grant.userId,
      },
      ...(found.expiresIn === undefined ? {} : { expires_in: found.expiresIn }),
      is_private_distribution: false,
      token_type: found.use === 'access_token' ? 'bearer' : 'refresh',
      user: grant.user,
      hub_domain: ctx.store.portals.get(grant.portalId)?.domain ?? '',
    });
  };
  router.post('/oauth/v3/token/introspect', introspect);
  router.post('/oauth/2026-03/token/introspect', introspect);

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const info = tokens.accessInfo(req.params.token);
    if (!info) {
      tokenNotFound(res);
      return;
    }
    const portal = ctx.store.portals.get(info.portalId);
    res.json({
      token: req.params.token,
      user: info.user,
      hub_domain: portal?.domain ?? '',
      scopes: info.scopes,
      hub_id: info.portalId,
      app_id: tokens.app.appId,
      expires_in: info.expiresIn,
      user_id: info.userId,
      token_type: 'access',
    });
  });

  router.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const info = tokens.refreshInfo(req.params.token);
    if (!info) {
      tokenNotFound(res);
      return;
    }
    res.json({
      token: req.params.token,
      user: info.user,
      hub_domain: ctx.store.portals.get(info.portalId)?.domain ?? '',
      scopes: info.scopes,
      hub_id: info.portalId,
      client_id: tokens.app.clientId,
      user_id: info.userId,
      token_type: 'refresh',
    });
  });

  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    tokens.revokeRefresh(req.params.token);
    res.status(204).end();
  });

  return router;
};
