import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { hubspotConnector, hubspotRedirectUri } from '../crm/hubspot/hubspotConnector.js';
import { OAuthError } from '../crm/hubspot/oauthClient.js';
import { enqueue } from '../jobs/jobKinds.js';

/** What the app asks for: only what Entente uses. Custom objects are optional (Enterprise only). */
export const HUBSPOT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'crm.schemas.deals.write',
  'crm.schemas.companies.write',
];
export const HUBSPOT_OPTIONAL_SCOPES = [
  'crm.objects.custom.read',
  'crm.objects.custom.write',
  'crm.schemas.custom.read',
  'crm.schemas.custom.write',
];

const STATE_TTL_MS = 10 * 60_000;

const stateKey = (ctx: AppContext) => hubspotConnector(ctx).cipher.derive('oauth-state');
const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

const installError = (code: `HUBSPOT.${Uppercase<string>}`, message: string) =>
  new DomainError(code, message);

/** Step 1: the authorize URL, with a state that is signed, expires in 10 minutes and works once. */
export const startHubSpotInstall = async (ctx: AppContext): Promise<string> => {
  const { clientId } = ctx.config.hubspot;
  if (!clientId || !ctx.config.hubspot.clientSecret) {
    throw installError(
      'HUBSPOT.NOT_CONFIGURED',
      'This Entente has no HubSpot app configured (HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET).',
    );
  }
  const nonce = randomBytes(18).toString('base64url');
  const expires = ctx.now().getTime() + STATE_TTL_MS;
  await ctx.store.oauthStates.create(nonce, new Date(expires));
  const payload = `${nonce}.${expires}`;
  const url = new URL('/oauth/authorize', ctx.config.hubspot.authBaseUrl);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', hubspotRedirectUri(ctx));
  url.searchParams.set('scope', HUBSPOT_SCOPES.join(' '));
  url.searchParams.set('optional_scope', HUBSPOT_OPTIONAL_SCOPES.join(' '));
  url.searchParams.set('state', `${payload}.${sign(stateKey(ctx), payload)}`);
  return url.toString();
};

const checkState = async (ctx: AppContext, state: string) => {
  const [nonce, expires, signature] = state.split('.');
  if (!nonce || !expires || !signature)
    throw installError('HUBSPOT.STATE_INVALID', 'The install link is not valid. Start the install again.');
  const expected = Buffer.from(sign(stateKey(ctx), `${nonce}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw installError('HUBSPOT.STATE_INVALID', 'The install link is not valid. Start the install again.');
  }
  if (Number(expires) < ctx.now().getTime())
    throw installError('HUBSPOT.STATE_EXPIRED', 'The install link has expired. Start the install again.');
  if (!(await ctx.store.oauthStates.consume(nonce, ctx.now()))) {
    throw installError('HUBSPOT.STATE_USED', 'This install link was already used. Start the install again.');
  }
};

export type InstallResult = { tenantId: string; portalId: string; reinstalled: boolean };

/**
 * Step 2, the callback: check the state, exchange the code, ask HubSpot which portal the token
 * belongs to, create or revive the tenant, keep its tokens (encrypted), and queue provisioning
 * and the backfill.
 */
export const completeHubSpotInstall = async (
  ctx: AppContext,
  input: { code: string; state: string },
): Promise<InstallResult> => {
  await checkState(ctx, input.state);
  const connector = hubspotConnector(ctx);
  let grant;
  try {
    grant = await connector.oauth().exchangeCode(input.code);
  } catch (error) {
    if (error instanceof OAuthError) {
      throw installError(
        'HUBSPOT.CODE_REJECTED',
        `HubSpot did not accept the authorization (${error.error}: ${error.message}). Start the install again.`,
      );
    }
    throw error;
  }
  const info = await connector.oauth().tokenInfo(grant.accessToken);
  const existing = await ctx.store.tenants.findByExternalId('hubspot', info.portalId);
  const tenantId = existing?.id ?? `hubspot-${info.portalId}`;
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    await tx.tenants.upsert({
      id: tenantId,
      name: info.hubDomain || `HubSpot portal ${info.portalId}`,
      crm: 'hubspot',
      externalId: info.portalId,
      status: 'active',
      sandbox: false,
    });
    await tx.tenants.markActive(tenantId);
  });
  await connector.tokens.save(tenantId, grant, info.scopes);
  // Provisioning and the backfill are queued once per install (a reinstall runs them again).
  const tenant = ctx.store.forTenant(tenantId);
  await enqueue(tenant, 'crm.provision', {}, { runAt: now, once: now.toISOString() });
  await enqueue(tenant, 'crm.backfill', {}, { runAt: now, once: now.toISOString(), maxAttempts: 20 });
  ctx.logger.info(
    { tenantId, portalId: info.portalId, reinstalled: Boolean(existing) },
    'hubspot portal installed',
  );
  return { tenantId, portalId: info.portalId, reinstalled: Boolean(existing) };
};
