import type { Partner, PartnerMotion } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import {
  partnerDuplicates,
  type PartnerContact,
  type PartnerDuplicate,
  type PartnerFieldProblem,
} from '@entente/shared/governance';
import type { TenantStore } from '../../store/store.js';

/** A partner as the partners API shows it: the domain record plus what onboarding recorded. */
export type PartnerProfile = {
  id: string;
  name: string;
  /** Registrable domains; a partner seeded before onboarding existed shows its one `domain`. */
  domains: string[];
  tier: string;
  motions: PartnerMotion[];
  regions: string[];
  certifications: string[];
  specialisations: string[];
  industries: string[];
  contacts: PartnerContact[];
  managerUserId: string | null;
  active: boolean;
  /** When the partner joined the program (activation and time-to-first-deal count from it). */
  joinedAt: string | null;
};

/** The fields an admin or partner manager sets when adding a partner (and may change later). */
export type PartnerFields = {
  name: string;
  domains: string[];
  motions: PartnerMotion[];
  tier: string;
  regions: string[];
  certifications: string[];
  specialisations: string[];
  industries: string[];
  contacts: PartnerContact[];
  managerUserId: string | null;
};

export const domainsOf = (partner: Partner, recorded: ReadonlyMap<string, string[]>): string[] =>
  recorded.get(partner.id) ?? (partner.domain ? [partner.domain] : []);

export const toProfile = (
  partner: Partner,
  extra: { domains: string[]; contacts: PartnerContact[]; joinedAt: string | null },
): PartnerProfile => ({
  id: partner.id,
  name: partner.name,
  domains: extra.domains,
  tier: partner.tier,
  motions: partner.motions,
  regions: partner.capabilities.regions,
  certifications: partner.capabilities.certifications,
  specialisations: partner.capabilities.specialisations,
  industries: partner.capabilities.industries,
  contacts: extra.contacts,
  managerUserId: partner.managerUserId,
  active: partner.active,
  joinedAt: extra.joinedAt,
});

/** Every partner of the tenant with its domains, contacts and joining date, by name. */
export const listPartnerProfiles = async (tenant: TenantStore): Promise<PartnerProfile[]> => {
  const [partners, domains, contacts, joined] = await Promise.all([
    tenant.partners.list(),
    tenant.partners.domainsByPartner(),
    tenant.partners.contactsByPartner(),
    tenant.attribution.partnerProgram.joinedAt(),
  ]);
  return partners
    .map((partner) =>
      toProfile(partner, {
        domains: domainsOf(partner, domains),
        contacts: contacts.get(partner.id) ?? [],
        joinedAt: joined.get(partner.id) ?? null,
      }),
    )
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
};

export const getPartnerProfile = async (
  tenant: TenantStore,
  partnerId: string,
): Promise<PartnerProfile | undefined> =>
  (await listPartnerProfiles(tenant)).find((profile) => profile.id === partnerId);

/** The domain record of the fields: `domain` keeps the first registrable domain for older readers. */
export const toPartner = (id: string, fields: PartnerFields, active: boolean): Partner => ({
  id,
  name: fields.name,
  domain: fields.domains[0] ?? null,
  tier: fields.tier,
  motions: fields.motions,
  capabilities: {
    certifications: fields.certifications,
    specialisations: fields.specialisations,
    regions: fields.regions,
    industries: fields.industries,
  },
  managerUserId: fields.managerUserId,
  active,
});

export const invalidPartnerFields = (problems: readonly PartnerFieldProblem[]) =>
  new DomainError(
    'PARTNERS.INVALID_FIELDS',
    `The partner cannot be saved: ${problems.map((p) => p.message).join('; ')}`,
    { details: problems },
  );

/**
 * Refuses a partner that would share a name or a domain with another of the tenant's partners.
 * Call it inside the transaction, after `tx.partners.lockForChanges()`.
 */
export const refuseDuplicates = async (
  tx: TenantStore,
  candidate: { id: string; name: string; domains: string[] },
): Promise<void> => {
  const [partners, domains] = await Promise.all([tx.partners.list(), tx.partners.domainsByPartner()]);
  const existing = partners.map((p) => ({ id: p.id, name: p.name, domains: domainsOf(p, domains) }));
  const duplicates: PartnerDuplicate[] = partnerDuplicates(candidate, existing);
  if (duplicates.length === 0) return;
  throw new DomainError(
    'PARTNERS.DUPLICATE',
    `Another partner already has ${duplicates
      .map((d) => (d.field === 'name' ? `the name "${d.value}"` : `the domain ${d.value}`))
      .join(' and ')} (${[...new Set(duplicates.map((d) => d.partnerId))].join(', ')})`,
    { details: duplicates },
  );
};

/** The audit payload of a partner's fields: contacts are counted, their personal data stays out. */
export const auditedFields = (fields: Partial<PartnerFields> & { joinedAt?: string; active?: boolean }) => {
  const { contacts, ...rest } = fields;
  return { ...rest, ...(contacts ? { contacts: contacts.length } : {}) };
};
