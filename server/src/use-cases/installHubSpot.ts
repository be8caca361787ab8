import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { User } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { hubspotConnector, hubspotRedirectUri } from '../crm/hubspot/hubspotConnector.js';
import { OAuthError } from '../crm/hubspot/oauthClient.js';
import { hubspotIds } from '../crm/hubspot/toDomain.js';
import { enqueue } from '../jobs/jobKinds.js';
import type { TenantStore } from '../store/store.js';

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

export type InstallResult = {
  tenantId: string;
  portalId: string;
  reinstalled: boolean;
  /** The installing user's Entente user, now an admin (undefined when HubSpot did not name them). */
  adminUserId: string | undefined;
};

/** The HubSpot user behind an install, as HubSpot vouches for them (token introspection). */
type Installer = { hubspotUserId: string; email: string | undefined; owner: User | undefined };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Makes the installing user an admin of the tenant, creating their user when the owner backfill
 * has not brought it yet. Found by HubSpot user id first (a signed card request carries it), then
 * by their owner record, then by e-mail. A new user takes the owner's id when they own records
 * (the backfill then updates the same row and keeps the role) or `hs-user-<user id>` otherwise (an
 * owner arriving later with that user id is merged into it, `sync/applyCrmEntities.ts`). Roles are
 * only ever added here: whoever was an admin stays one.
 */
const makeInstallerAdmin = async (tx: TenantStore, installer: Installer, now: Date): Promise<User> => {
  const { hubspotUserId, owner } = installer;
  const email = installer.email && EMAIL.test(installer.email) ? installer.email.toLowerCase() : undefined;
  const found =
    (await tx.users.findByCrmUserId(hubspotUserId)) ??
    (owner ? await tx.users.get(owner.id) : undefined) ??
    (email ? (await tx.users.list()).find((u) => u.email.toLowerCase() === email) : undefined);
  const before = found?.roles ?? [];
  const user: User = found
    ? {
        ...found,
        // Nobody holds this HubSpot user id (looked up first), so the record found can take it.
        crmUserId: hubspotUserId,
        roles: before.includes('admin') ? before : [...before, 'admin'],
      }
    : owner
      ? { ...owner, crmUserId: hubspotUserId, roles: [...owner.roles, 'admin'], active: true }
      : {
          id: hubspotIds.user(hubspotUserId),
          crmUserId: hubspotUserId,
          email: email ?? `user-${hubspotUserId}@hubspot.invalid`,
          name: email ?? `HubSpot user ${hubspotUserId}`,
          roles: ['admin'],
          managerId: null,
          active: true,
        };
  await tx.users.upsert(user);
  if (!found || !before.includes('admin')) {
    await tx.governance.appendAudit({
      type: 'user.roles_changed',
      actor: 'system',
      subject: `user:${user.id}`,
      payload: {
        userId: user.id,
        from: before,
        to: user.roles,
        reason: 'installed the HubSpot app',
        created: !found,
      },
      at: now,
    });
  }
  return user;
};

/**
 * Step 2, the callback: check the state (when there is one), exchange the code, ask HubSpot which
 * portal the token belongs to and who granted it, create or revive the tenant, make the installer
 * its admin, keep its tokens (encrypted), and queue provisioning and the backfill.
 *
 * An install started from the install URL in HubSpot's app settings arrives without `state`: the
 * code alone is then trusted as far as HubSpot vouches for it, which is enough, because the
 * tenant is always the one of the portal the token names (`hubspot-<portal id>`, or whichever
 * tenant already holds that portal) and never one picked by the request. A state that is present
 * but not valid is still refused.
 */
export const completeHubSpotInstall = async (
  ctx: AppContext,
  input: { code: string; state?: string | undefined },
): Promise<InstallResult> => {
  if (input.state !== undefined) await checkState(ctx, input.state);
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
  const installer: Installer | undefined = info.userId
    ? {
        hubspotUserId: info.userId,
        email: info.userEmail,
        owner: await connector.ownerOfUser(grant.accessToken, info.userId),
      }
    : undefined;
  const details = await connector.accountDetails(grant.accessToken);
  const existing = await ctx.store.tenants.findByExternalId('hubspot', info.portalId);
  const tenantId = existing?.id ?? `hubspot-${info.portalId}`;
  const now = ctx.now();
  const admin = await ctx.store.transaction(async (tx) => {
    const tenant = await tx.tenants.upsert({
      id: tenantId,
      name: info.hubDomain || `HubSpot portal ${info.portalId}`,
      crm: 'hubspot',
      externalId: info.portalId,
      status: 'active',
      sandbox: false,
    });
    // The upsert keeps an existing row's CRM and portal: a tenant of that id holding another
    // portal (never made by Entente) is refused rather than handed this portal's tokens.
    if (tenant.crm !== 'hubspot' || tenant.externalId !== info.portalId) {
      throw installError(
        'HUBSPOT.TENANT_MISMATCH',
        `Tenant ${tenantId} belongs to another account, so HubSpot portal ${info.portalId} cannot be installed into it.`,
      );
    }
    await tx.tenants.markActive(tenantId);
    const scoped = tx.forTenant(tenantId);
    if (details) await scoped.crmSync.saveAccountDetails(details);
    const user = installer ? await makeInstallerAdmin(scoped, installer, now) : undefined;
    await scoped.governance.appendAudit({
      type: 'tenant.installed',
      actor: user?.id ?? 'system',
      subject: `tenant:${tenantId}`,
      payload: {
        crm: 'hubspot',
        portalId: info.portalId,
        reinstalled: Boolean(existing),
        startedFrom: input.state === undefined ? 'hubspot_install_url' : 'entente',
        installedBy: installer
          ? { userId: user?.id ?? null, hubspotUserId: installer.hubspotUserId, email: user?.email ?? null }
          : null,
        admin: user?.id ?? null,
        scopes: info.scopes,
      },
      at: now,
    });
    return user;
  });
  if (!installer)
    ctx.logger.warn(
      { tenantId, portalId: info.portalId },
      'hubspot did not name the installing user: no admin was made',
    );
  await connector.tokens.save(tenantId, grant, info.scopes);
  // Provisioning and the backfill are queued once per install (a reinstall runs them again).
  const tenant = ctx.store.forTenant(tenantId);
  await enqueue(tenant, 'crm.provision', {}, { runAt: now, once: now.toISOString() });
  await enqueue(tenant, 'crm.backfill', {}, { runAt: now, once: now.toISOString(), maxAttempts: 20 });
  ctx.logger.info(
    {
      tenantId,
      portalId: info.portalId,
      reinstalled: Boolean(existing),
      stateless: input.state === undefined,
      adminUserId: admin?.id,
    },
    'hubspot portal installed',
  );
  return { tenantId, portalId: info.portalId, reinstalled: Boolean(existing), adminUserId: admin?.id };
};
