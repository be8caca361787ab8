import { Router, type Request, type Response } from 'express';
import { correlationId } from '../common/ids.js';
import type { HubSpotContext } from './context.js';
import { DEFAULT_SCOPES, type Grant } from './tokens.js';

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

const field = (req: Request, name: string): string | undefined => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name] ?? req.query[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * OAuth as a marketplace app sees it. The authorize page consents at once (there is no user to ask)
 * and redirects with a code; `portalId` in the query picks the installing account.
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
    const requested = [
      ...(field(req, 'scope') ?? '').split(/[ +]/),
      ...(field(req, 'optional_scope') ?? '').split(/[ +]/),
    ];
    const scopes = requested.filter(Boolean);
    const grant: Grant = {
      portalId,
      scopes: scopes.length > 0 ? scopes : DEFAULT_SCOPES,
      userId: 9_000_000,
      user: 'admin@example-seller.com',
    };
    const target = new URL(redirectUri);
    target.searchParams.set('code', tokens.createCode(grant, redirectUri));
    const state = field(req, 'state');
    if (state !== undefined) target.searchParams.set('state', state);
    res.redirect(302, target.toString());
  });

  const token = (version: 'v1' | 'v3') => (req: Request, res: Response) => {
    const grantType = field(req, 'grant_type');
    if (
      field(req, 'client_id') !== tokens.app.clientId ||
      field(req, 'client_secret') !== tokens.app.clientSecret
    ) {
      oauthError(res, 'BAD_CLIENT_ID', 'invalid_client', 'missing or invalid client_id / client_secret');
      return;
    }
    let grant: Grant | undefined;
    let refreshToken: string | undefined;
    if (grantType === 'authorization_code') {
      grant = tokens.redeemCode(field(req, 'code') ?? '', field(req, 'redirect_uri'));
      if (!grant) {
        oauthError(res, 'BAD_AUTH_CODE', 'invalid_grant', 'missing or unknown auth code');
        return;
      }
    } else if (grantType === 'refresh_token') {
      refreshToken = field(req, 'refresh_token') ?? '';
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
