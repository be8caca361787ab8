import type { PartnerMotion, UserRole } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import { addPartner } from '../addPartner.js';
import { issuePartnerKey, listPartnerKeys } from '../issuePartnerKey.js';
import { issueKeyLink } from '../partners/keyLinks.js';
import { listPartnerProfiles } from '../partners/partnerProfiles.js';
import { setUserRoles } from '../setUserRoles.js';
import { type CardCaller, requireAdmin } from './cardRequest.js';

type Deps = Pick<AppContext, 'store' | 'now' | 'config'>;

/*
 * The settings page's people and partners, for the admin who opened it in HubSpot. The same use
 * cases as the internal API decide (roles, partners, keys), with the signed card's user as the
 * actor; the page is how a real install gets its partner managers, its partners and their keys,
 * and its first admin's own API key.
 */

const userView = (user: { id: string; name: string; email: string; roles: string[]; active: boolean }) => ({
  id: user.id,
  name: user.name,
  email: user.email,
  roles: user.roles,
  active: user.active,
});

export const getSettingsPeople = async (deps: Deps, caller: CardCaller) => {
  const admin = requireAdmin(caller);
  const actor = { userId: admin.id, adminKey: false };
  const [users, partners] = await Promise.all([
    caller.scoped.users.list(),
    listPartnerProfiles(caller.scoped),
  ]);
  return {
    users: users.map(userView),
    partners: await Promise.all(
      partners.map(async (partner) => ({
        id: partner.id,
        name: partner.name,
        tier: partner.tier,
        motions: partner.motions,
        domains: partner.domains,
        active: partner.active,
        keys: (await listPartnerKeys(deps, { tenantId: caller.tenantId, actor, partnerId: partner.id })).map(
          ({ keyId, name, createdAt, revokedAt }) => ({ keyId, name, createdAt, revokedAt }),
        ),
      })),
    ),
  };
};

export const setRolesFromCard = async (deps: Deps, caller: CardCaller, userId: string, roles: UserRole[]) => {
  const admin = requireAdmin(caller);
  const result = await setUserRoles(deps, {
    tenantId: caller.tenantId,
    actorUserId: admin.id,
    userId,
    roles,
  });
  return { ...result, user: userView(result.user) };
};

export const addPartnerFromCard = async (
  deps: Deps,
  caller: CardCaller,
  input: { name: string; domains: string[]; motions: PartnerMotion[]; tier: string },
) => {
  const admin = requireAdmin(caller);
  const partner = await addPartner(deps, {
    tenantId: caller.tenantId,
    actor: { userId: admin.id, adminKey: false },
    partner: { ...input, regions: [], certifications: [], contacts: [] },
  });
  const { id, name, tier, motions, domains, active } = partner;
  return { partner: { id, name, tier, motions, domains, active } };
};

export const issuePartnerKeyFromCard = (deps: Deps, caller: CardCaller, partnerId: string, name: string) => {
  const admin = requireAdmin(caller);
  return issuePartnerKey(deps, {
    tenantId: caller.tenantId,
    actor: { userId: admin.id, adminKey: false },
    partnerId,
    name,
  });
};

/**
 * The admin's own key for Entente's internal API, behind a one-time link like a partner's: how a
 * real install gets its first admin key without anyone ever seeing it in a response or a log.
 */
export const issueOwnApiKeyFromCard = async (deps: Deps, caller: CardCaller, name: string) => {
  const admin = requireAdmin(caller);
  const now = deps.now();
  return deps.store.inTransaction(caller.tenantId, async (tx) => {
    const key = await tx.apiKeys.create({ userId: admin.id, role: 'admin' }, name.trim(), now);
    const link = await issueKeyLink(deps, tx, key, now);
    await tx.governance.appendAudit({
      type: 'api_key.issued',
      actor: admin.id,
      subject: `user:${admin.id}`,
      payload: { keyId: key.keyId, name: name.trim(), role: 'admin', linkExpiresAt: link.expiresAt },
      at: now,
    });
    return { keyId: key.keyId, name: name.trim(), ...link };
  });
};
