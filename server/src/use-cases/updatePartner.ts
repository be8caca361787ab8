import { isDeepStrictEqual } from 'node:util';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { checkFields, checkJoinedAt, tidyFields, type PartnerFieldsInput } from './addPartner.js';
import { assessPartnerTier } from './partnerValue/partnerTier.js';
import { requirePartnerManager, type PartnerActor } from './partners/partnerManagers.js';
import {
  auditedFields,
  domainsOf,
  getPartnerProfile,
  refuseDuplicates,
  toPartner,
  type PartnerFields,
  type PartnerProfile,
} from './partners/partnerProfiles.js';

export type PartnerChanges = Partial<PartnerFieldsInput> & { active?: boolean; joinedAt?: string };

export type UpdatePartnerInput = {
  tenantId: string;
  actor: PartnerActor;
  partnerId: string;
  changes: PartnerChanges;
};

/**
 * An admin or partner manager edits a partner: any of the fields it was added with, whether it is
 * active, and the day it joined. Lists (domains, regions, contacts, ...) are replaced whole. The same
 * checks as adding apply, against every other partner. The change and its `partner.updated` audit
 * entry (naming what changed) commit together, with the partner's tier assessed again when its
 * certifications or specialisations changed; a change to nothing records nothing.
 */
export const updatePartner = async (
  deps: Pick<AppContext, 'store' | 'now'>,
  input: UpdatePartnerInput,
): Promise<PartnerProfile> => {
  const now = deps.now();
  const tenant = deps.store.forTenant(input.tenantId);
  await requirePartnerManager(tenant, input.actor);
  if (!(await tenant.partners.get(input.partnerId)))
    throw CommonErrors.notFound(`Partner ${input.partnerId}`);
  const { active, joinedAt: joinedAtText, ...fieldChanges } = input.changes;
  await checkFields(tenant, fieldChanges);
  const changes = tidyFields(fieldChanges);
  const joinedAt = checkJoinedAt(joinedAtText, now);

  await deps.store.inTransaction(input.tenantId, async (tx) => {
    await tx.partners.lockForChanges();
    const partner = await tx.partners.get(input.partnerId);
    if (!partner) throw CommonErrors.notFound(`Partner ${input.partnerId}`);
    const [domains, contacts, joined] = await Promise.all([
      tx.partners.domainsByPartner(),
      tx.partners.contactsByPartner(),
      tx.attribution.partnerProgram.joinedAt(),
    ]);
    const before: PartnerFields & { active: boolean; joinedAt: string | null } = {
      name: partner.name,
      domains: domainsOf(partner, domains),
      motions: partner.motions,
      tier: partner.tier,
      regions: partner.capabilities.regions,
      certifications: partner.capabilities.certifications,
      specialisations: partner.capabilities.specialisations,
      industries: partner.capabilities.industries,
      contacts: contacts.get(partner.id) ?? [],
      managerUserId: partner.managerUserId,
      active: partner.active,
      joinedAt: joined.get(partner.id) ?? null,
    };
    const after = {
      ...before,
      ...changes,
      ...(active === undefined ? {} : { active }),
      ...(joinedAt === undefined ? {} : { joinedAt }),
    };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (field) => !isDeepStrictEqual(before[field], after[field]),
    );
    if (changed.length === 0) return;
    if (changed.includes('name') || changed.includes('domains'))
      await refuseDuplicates(tx, { id: partner.id, name: after.name, domains: after.domains });
    await tx.partners.upsert(toPartner(partner.id, after, after.active));
    if (changed.includes('domains')) await tx.partners.setDomains(partner.id, after.domains);
    if (changed.includes('contacts')) await tx.partners.setContacts(partner.id, after.contacts);
    if (changed.includes('joinedAt') && after.joinedAt)
      await tx.attribution.partnerProgram.setJoinedAt(partner.id, after.joinedAt);
    await tx.governance.appendAudit({
      type: 'partner.updated',
      actor: input.actor.userId,
      subject: `partner:${partner.id}`,
      payload: {
        changed,
        ...auditedFields(Object.fromEntries(changed.map((field) => [field, after[field]]))),
      },
      at: now,
    });
    // Tiers rest on certifications and specialisations: assess again when they change.
    if (changed.includes('certifications') || changed.includes('specialisations'))
      await assessPartnerTier(tx, partner.id, { kind: 'capabilities_changed', by: input.actor.userId }, now);
  });
  return (await getPartnerProfile(deps.store.forTenant(input.tenantId), input.partnerId))!;
};
