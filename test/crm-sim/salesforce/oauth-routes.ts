import { Router, type Request, type Response } from 'express';
import type { SalesforceContext } from './context.js';

const field = (req: Request, name: string): string | undefined => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name] ?? req.query[name];
  return typeof value === 'string' ? value : undefined;
};

const oauthError = (res: Response, error: string, description: string): void => {
  res.status(400).json({ error, error_description: description });
};

/** `/services/oauth2/{authorize,token,revoke}`. The token response has no `expires_in`, like Salesforce's. */
export const oauthRoutes = (ctx: SalesforceContext): Router => {
  const router = Router();

  router.get('/services/oauth2/authorize', (req, res) => {
    const redirectUri = field(req, 'redirect_uri');
    if (field(req, 'client_id') !== ctx.clientId || !redirectUri) {
      res.status(400).type('text/plain').send('error=invalid_client_id');
      return;
    }
    const target = new URL(redirectUri);
    target.searchParams.set('code', ctx.sessions.createCode(ctx.adminUserId, redirectUri));
    const state = field(req, 'state');
    if (state !== undefined) target.searchParams.set('state', state);
    res.redirect(302, target.toString());
  });

  router.post('/services/oauth2/token', (req, res) => {
    const grantType = field(req, 'grant_type');
    if (
      field(req, 'client_id') !== ctx.clientId ||
      (grantType !== 'refresh_token' && field(req, 'client_secret') !== ctx.clientSecret)
    ) {
      oauthError(res, 'invalid_client', 'invalid client credentials');
      return;
    }
    let userId: string | undefined;
    let accessToken: string | undefined;
    let refreshToken: string | undefined;
    if (grantType === 'authorization_code') {
      userId = ctx.sessions.redeemCode(field(req, 'code') ?? '', field(req, 'redirect_uri'));
      if (!userId) return oauthError(res, 'invalid_grant', 'invalid authorization code');
      ({ accessToken, refreshToken } = ctx.sessions.issue(userId, true));
    } else if (grantType === 'refresh_token') {
      accessToken = ctx.sessions.refresh(field(req, 'refresh_token') ?? '');
      if (!accessToken) return oauthError(res, 'invalid_grant', 'expired access/refresh token');
      userId = ctx.adminUserId;
    } else if (grantType === 'password' || grantType === 'client_credentials') {
      userId = ctx.adminUserId;
      ({ accessToken } = ctx.sessions.issue(userId, false));
    } else {
      return oauthError(res, 'unsupported_grant_type', 'grant type not supported');
    }
    const instanceUrl = ctx.baseUrl();
    res.json({
      access_token: accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      signature: 'c2ltdWxhdGVk',
      scope: 'api refresh_token',
      instance_url: instanceUrl,
      id: `${instanceUrl}/id/${ctx.store.orgId}/${userId}`,
      token_type: 'Bearer',
      issued_at: String(ctx.clock()),
    });
  });

  router.post('/services/oauth2/revoke', (req, res) => {
    ctx.sessions.revoke(field(req, 'token') ?? '');
    res.status(200).end();
  });

  return router;
};
