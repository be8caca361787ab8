import type { User } from '@entente/shared/domain';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { canAdjudicate } from '@entente/shared/governance';
import type { TenantStore } from '../../store/store.js';

/** What HubSpot vouches for in a signed card request (query parameters inside the signed URL). */
export type SignedCardUser = { portalId: string; userId: string; userEmail: string | undefined };

/** The tenant, and the Entente user behind the HubSpot user (null when not linked). */
export type CardCaller = {
  tenantId: string;
  portalId: string;
  scoped: TenantStore;
  user: User | null;
  /** Where the portal's users work (record links), when the install read it; else HubSpot's default. */
  uiDomain?: string | null;
};

/**
 * Resolves the tenant from the signed portal id and maps the HubSpot user to a domain user, first
 * by HubSpot user id and then by e-mail (users invited before their first sync have no id yet).
 */
export const resolveCardCaller = async (ctx: AppContext, signed: SignedCardUser): Promise<CardCaller> => {
  const tenant = await ctx.store.hubspotPortals.findWithUser(signed.portalId, signed.userId);
  if (!tenant || tenant.status !== 'active')
    throw new DomainError(
      'CARDS.PORTAL_UNKNOWN',
      `HubSpot portal ${signed.portalId} has no active Entente installation`,
    );
  const scoped = ctx.store.forTenant(tenant.tenantId);
  const email = signed.userEmail?.toLowerCase();
  const user =
    tenant.user ??
    (email ? (await scoped.users.list()).find((u) => u.email.toLowerCase() === email) : undefined) ??
    null;
  return {
    tenantId: tenant.tenantId,
    portalId: signed.portalId,
    scoped,
    user: user?.active ? user : null,
    uiDomain: tenant.uiDomain,
  };
};

export const viewerOf = (user: User | null) => ({
  userId: user?.id ?? null,
  name: user?.name ?? null,
  roles: user?.roles ?? [],
  canAdjudicate: user ? canAdjudicate(user) : false,
  isAdmin: user?.roles.includes('admin') ?? false,
});

/** A card asks with HubSpot's record id; tools and the preview may pass Entente's own id. */
export const findDeal = async (scoped: TenantStore, dealId: string) => {
  const deal = (await scoped.deals.findByCrmId(dealId)) ?? (await scoped.deals.get(dealId));
  if (!deal) throw CommonErrors.notFound(`Deal ${dealId}`);
  return deal;
};

export const findCompany = async (scoped: TenantStore, companyId: string) => {
  const account = (await scoped.accounts.findByCrmId(companyId)) ?? (await scoped.accounts.get(companyId));
  if (!account) throw CommonErrors.notFound(`Company ${companyId}`);
  return account;
};

export const requireLinkedUser = (caller: CardCaller): User => {
  if (!caller.user)
    throw new DomainError(
      'CARDS.USER_NOT_LINKED',
      'Your HubSpot user is not linked to an Entente user, so Entente cannot tell whether you may do this. Ask your Entente admin to add you.',
    );
  return caller.user;
};

/** The settings page is for Entente admins only (a role Entente grants, never the CRM). */
export const requireAdmin = (caller: CardCaller): User => {
  const user = requireLinkedUser(caller);
  if (!user.roles.includes('admin'))
    throw new DomainError('CARDS.ADMIN_ONLY', 'Only Entente admins can see and change these settings.');
  return user;
};
