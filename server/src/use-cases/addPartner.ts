import { randomBytes } from 'node:crypto';
import { normalisePartnerDomains, partnerNameKey, partnerProfileProblems } from '@entente/shared/governance';
import type { AppContext } from '../appContext.js';
import type { TenantStore } from '../store/store.js';
import { requirePartnerManager, type PartnerActor } from './partners/partnerManagers.js';
import {
  auditedFields,
  invalidPartnerFields,
  refuseDuplicates,
  toPartner,
  toProfile,
  type PartnerFields,
  type PartnerProfile,
} from './partners/partnerProfiles.js';

export type PartnerFieldsInput = Omit<PartnerFields, 'specialisations' | 'industries' | 'managerUserId'> & {
  specialisations?: string[];
  industries?: string[];
  managerUserId?: string | null;
};

export type AddPartnerInput = {
  tenantId: string;
  actor: PartnerActor;
  partner: PartnerFieldsInput;
  /** When the partner joined the program; now unless an existing partner is brought in. */
  joinedAt?: string;
};

const tidyList = (values: readonly string[] | undefined): string[] => [
  ...new Set((values ?? []).map((value) => value.trim()).filter(Boolean)),
];

/** Trims what people type and drops repeats; domains become their registrable form. */
export const tidyFields = <F extends Partial<PartnerFieldsInput>>(fields: F): F => ({
  ...fields,
  ...(fields.name !== undefined ? { name: fields.name.trim().replace(/\s+/gu, ' ') } : {}),
  ...(fields.tier !== undefined ? { tier: fields.tier.trim() } : {}),
  ...(fields.domains ? { domains: normalisePartnerDomains(fields.domains) } : {}),
  ...(fields.regions ? { regions: tidyList(fields.regions) } : {}),
  ...(fields.certifications ? { certifications: tidyList(fields.certifications) } : {}),
  ...(fields.specialisations ? { specialisations: tidyList(fields.specialisations) } : {}),
  ...(fields.industries ? { industries: tidyList(fields.industries) } : {}),
  ...(fields.contacts
    ? {
        contacts: fields.contacts.map((c) => ({
          name: c.name.trim(),
          email: c.email.trim(),
          role: c.role.trim(),
        })),
      }
    : {}),
});

/** Refuses domains, contacts or a manager that cannot be right (422 PARTNERS.INVALID_FIELDS). */
export const checkFields = async (
  tenant: TenantStore,
  fields: Partial<PartnerFieldsInput>,
): Promise<void> => {
  const problems = partnerProfileProblems(fields);
  if (fields.managerUserId) {
    const manager = await tenant.users.get(fields.managerUserId);
    if (!manager?.active)
      problems.push({
        path: 'managerUserId',
        message: `managerUserId ${fields.managerUserId} is not an active user of this tenant`,
      });
  }
  if (problems.length > 0) throw invalidPartnerFields(problems);
};

/** A joining day is a fact about the past (or now): program metrics count from it. */
export const checkJoinedAt = (joinedAt: string | undefined, now: Date): string | undefined => {
  if (joinedAt === undefined) return undefined;
  const at = new Date(joinedAt);
  if (at.getTime() > now.getTime())
    throw invalidPartnerFields([{ path: 'joinedAt', message: 'joinedAt must not be in the future' }]);
  return at.toISOString();
};

/** A readable, unique id: `p-acme-consulting-3f9a1c2e`. */
const newPartnerId = (name: string): string => {
  const slug = partnerNameKey(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `p-${slug || 'partner'}-${randomBytes(4).toString('hex')}`;
};

/**
 * An admin or partner manager adds a partner to the program: its name, registrable domains,
 * motions, tier, regions, certifications and contacts. A partner sharing a name or a domain with
 * another is refused (409 PARTNERS.DUPLICATE). The partner, the day it joined (program metrics
 * count activation and time to first deal from it) and the `partner.added` audit entry commit
 * together.
 */
export const addPartner = async (
  deps: Pick<AppContext, 'store' | 'now'>,
  input: AddPartnerInput,
): Promise<PartnerProfile> => {
  const now = deps.now();
  const tenant = deps.store.forTenant(input.tenantId);
  await requirePartnerManager(tenant, input.actor);
  await checkFields(tenant, input.partner);
  const given = tidyFields(input.partner);
  const fields: PartnerFields = {
    ...given,
    specialisations: given.specialisations ?? [],
    industries: given.industries ?? [],
    managerUserId: given.managerUserId ?? null,
  };
  const id = newPartnerId(fields.name);
  const joinedAt = checkJoinedAt(input.joinedAt, now) ?? now.toISOString();
  return deps.store.inTransaction(input.tenantId, async (tx) => {
    await tx.partners.lockForChanges();
    await refuseDuplicates(tx, { id, name: fields.name, domains: fields.domains });
    await tx.partners.upsert(toPartner(id, fields, true));
    await tx.partners.setDomains(id, fields.domains);
    await tx.partners.setContacts(id, fields.contacts);
    await tx.attribution.partnerProgram.setJoinedAt(id, joinedAt);
    await tx.governance.appendAudit({
      type: 'partner.added',
      actor: input.actor.userId,
      subject: `partner:${id}`,
      payload: auditedFields({ ...fields, joinedAt }),
      at: now,
    });
    return toProfile(toPartner(id, fields, true), {
      domains: fields.domains,
      contacts: fields.contacts,
      joinedAt,
    });
  });
};
