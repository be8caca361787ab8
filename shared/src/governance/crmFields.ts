import type { Registration, RegistrationStatus } from '../domain/index.js';
import { PENDING_STATUSES, PROTECTED_STATUSES } from './lifecycle.js';
import { CREDITED_STATUSES } from './sourcing.js';

/** What a seller sees in the CRM's own views about the registration that holds a deal. */
export type DealRegistrationFields = {
  partner: string | null;
  partnerRole: string | null;
  registrationStatus: string | null;
  /** The last day of protection (a calendar date), while the window runs. */
  protectionUntil: string | null;
};

/**
 * Which claim a deal shows when several partners registered it: a won claim, then a protected
 * one, then one waiting for a decision, then the rest; the latest decision first within each.
 */
const STANDING: Record<RegistrationStatus, number> = {
  won: 0,
  approved: 1,
  extended: 1,
  submitted: 2,
  in_review: 2,
  info_requested: 2,
  pending_second_approval: 2,
  lost: 3,
  rejected: 4,
  expired: 4,
  withdrawn: 5,
};

const latest = (r: Pick<Registration, 'decidedAt' | 'submittedAt'>) => r.decidedAt ?? r.submittedAt;

export const holdingRegistration = <R extends Registration>(registrations: readonly R[]): R | undefined =>
  [...registrations].sort(
    (a, b) =>
      STANDING[a.status] - STANDING[b.status] ||
      latest(b).localeCompare(latest(a)) ||
      a.id.localeCompare(b.id),
  )[0];

const roleOf = (status: RegistrationStatus): string | null =>
  CREDITED_STATUSES.has(status) ? 'sourced' : PENDING_STATUSES.includes(status) ? 'registered' : null;

/**
 * The Entente fields of a deal from the registrations linked to it. A deal nobody holds any more
 * shows the last claim's status with no partner role, so a seller can still see what happened.
 */
export const dealRegistrationFields = (
  registrations: readonly Registration[],
  partnerName: (partnerId: string) => string,
): DealRegistrationFields => {
  const holding = holdingRegistration(registrations);
  if (!holding) return { partner: null, partnerRole: null, registrationStatus: null, protectionUntil: null };
  return {
    partner: partnerName(holding.partnerId),
    partnerRole: roleOf(holding.status),
    registrationStatus: holding.status,
    protectionUntil:
      PROTECTED_STATUSES.includes(holding.status) && holding.protectedUntil
        ? holding.protectedUntil.slice(0, 10)
        : null,
  };
};

/** The partners with a live claim on a company (pending, protected or won), by name, once each. */
export const accountPartnerField = (
  registrations: readonly Registration[],
  partnerName: (partnerId: string) => string,
): string | null => {
  const live = registrations.filter((r) => STANDING[r.status] <= 2);
  const names = [...new Set(live.map((r) => partnerName(r.partnerId)))].sort();
  return names.length > 0 ? names.join(', ') : null;
};
