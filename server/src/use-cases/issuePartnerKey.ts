import { CommonErrors, DomainError } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import type { TenantStore } from '../store/store.js';
import { issueKeyLink } from './partners/keyLinks.js';
import { requirePartnerManager, type PartnerActor } from './partners/partnerManagers.js';

type Deps = Pick<AppContext, 'store' | 'now' | 'config'>;

/** What issuing or rotating answers: never the key, only the one-time link to it. */
export type IssuedPartnerKey = {
  keyId: string;
  name: string;
  partnerId: string;
  link: string;
  expiresAt: string;
};

export type PartnerKeySummary = {
  keyId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** When the key's one-time link expires, while it waits to be viewed; null once viewed or gone. */
  linkExpiresAt: string | null;
};

const activePartner = async (tx: TenantStore, partnerId: string) => {
  const partner = await tx.partners.get(partnerId);
  if (!partner) throw CommonErrors.notFound(`Partner ${partnerId}`);
  if (!partner.active)
    throw new DomainError('PARTNERS.INACTIVE', `Partner ${partnerId} is not active; reactivate it first`);
  return partner;
};

/** Key names are unique among a partner's working keys, so "rotate production" means one key. */
const refuseTakenName = async (tx: TenantStore, partnerId: string, name: string, except?: string) => {
  const taken = (await tx.apiKeys.listForPartner(partnerId)).find(
    (key) => key.revokedAt === null && key.label === name && key.keyId !== except,
  );
  if (taken)
    throw new DomainError('KEYS.NAME_TAKEN', `Partner ${partnerId} already has a key named "${name}"`, {
      details: { keyId: taken.keyId },
    });
};

const newKeyWithLink = async (
  deps: Deps,
  tx: TenantStore,
  partnerId: string,
  name: string,
  now: Date,
): Promise<IssuedPartnerKey> => {
  const key = await tx.apiKeys.create({ partnerId }, name, now);
  const link = await issueKeyLink(deps, tx, key, now);
  return { keyId: key.keyId, name, partnerId, ...link };
};

/**
 * An admin or partner manager issues a named key for a partner. The answer holds a one-time link
 * (valid 24 hours) that shows the key once, never the key itself; issuing is audited.
 */
export const issuePartnerKey = async (
  deps: Deps,
  input: { tenantId: string; actor: PartnerActor; partnerId: string; name: string },
): Promise<IssuedPartnerKey> => {
  const now = deps.now();
  const name = input.name.trim();
  await requirePartnerManager(deps.store.forTenant(input.tenantId), input.actor);
  return deps.store.inTransaction(input.tenantId, async (tx) => {
    await activePartner(tx, input.partnerId);
    await refuseTakenName(tx, input.partnerId, name);
    const issued = await newKeyWithLink(deps, tx, input.partnerId, name, now);
    await tx.governance.appendAudit({
      type: 'api_key.issued',
      actor: input.actor.userId,
      subject: `partner:${input.partnerId}`,
      payload: { keyId: issued.keyId, name, linkExpiresAt: issued.expiresAt },
      at: now,
    });
    return issued;
  });
};

/**
 * Rotation: a new key (named like the old one unless renamed) behind a new one-time link, and the
 * old key revoked at once, in one transaction. For a switch-over without a gap, issue a second key
 * instead, deploy it, then revoke the old one.
 */
export const rotatePartnerKey = async (
  deps: Deps,
  input: { tenantId: string; actor: PartnerActor; keyId: string; name?: string },
): Promise<IssuedPartnerKey & { replacedKeyId: string }> => {
  const now = deps.now();
  await requirePartnerManager(deps.store.forTenant(input.tenantId), input.actor);
  return deps.store.inTransaction(input.tenantId, async (tx) => {
    const old = await tx.apiKeys.get(input.keyId);
    if (!old || old.kind !== 'partner' || !old.partnerId)
      throw CommonErrors.notFound(`API key ${input.keyId}`);
    if (old.revokedAt !== null)
      throw new DomainError('KEYS.REVOKED', `API key ${input.keyId} is already revoked; issue a new key`);
    const partnerId = old.partnerId;
    await activePartner(tx, partnerId);
    const name = input.name?.trim() || old.label;
    await refuseTakenName(tx, partnerId, name, old.keyId);
    await tx.apiKeys.revoke(old.keyId, now);
    const issued = await newKeyWithLink(deps, tx, partnerId, name, now);
    await tx.governance.appendAudit({
      type: 'api_key.rotated',
      actor: input.actor.userId,
      subject: `partner:${partnerId}`,
      payload: { keyId: issued.keyId, replacedKeyId: old.keyId, name, linkExpiresAt: issued.expiresAt },
      at: now,
    });
    return { ...issued, replacedKeyId: old.keyId };
  });
};

/** A partner's keys without their secrets, for admins and partner managers. */
export const listPartnerKeys = async (
  deps: Pick<AppContext, 'store' | 'now'>,
  input: { tenantId: string; actor: PartnerActor; partnerId: string },
): Promise<PartnerKeySummary[]> => {
  const now = deps.now().toISOString();
  const tenant = deps.store.forTenant(input.tenantId);
  await requirePartnerManager(tenant, input.actor);
  if (!(await tenant.partners.get(input.partnerId)))
    throw CommonErrors.notFound(`Partner ${input.partnerId}`);
  return (await tenant.apiKeys.listForPartner(input.partnerId)).map((key) => ({
    keyId: key.keyId,
    name: key.label,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    // An expired link the expiry job has not deleted yet is gone all the same.
    linkExpiresAt: key.linkExpiresAt !== null && key.linkExpiresAt > now ? key.linkExpiresAt : null,
  }));
};
