import { createHash } from 'node:crypto';
import type { Touchpoint } from '../attribution/index.js';
import type { Registration } from '../domain/index.js';

/** Statuses in which the partner's registration counts as having sourced its deal. */
export const CREDITED_STATUSES: ReadonlySet<Registration['status']> = new Set([
  'approved',
  'extended',
  'won',
  'lost',
]);

/** One id per registration and deal, so recording the credit again is a no-op. */
export const sourcedTouchpointId = (registrationId: string, dealId: string): string =>
  `tp-sourced-${createHash('sha256').update(`${registrationId}\u0000${dealId}`).digest('hex').slice(0, 32)}`;

/**
 * The partner sourced the deal when it registered the customer. Its provenance is the registration,
 * not the partner's word: the credit stands only while the registration is approved (or settled with
 * the deal), and is taken back when it is overturned, expires or is withdrawn.
 */
export const sourcedTouchpoint = (registration: Registration, dealId: string): Touchpoint => ({
  id: sourcedTouchpointId(registration.id, dealId),
  dealId,
  participantId: registration.partnerId,
  kind: 'sourced',
  occurredAt: registration.submittedAt,
  source: 'registration',
  evidence: {
    externalId: `registration:${registration.id}`,
    note: `Registered the customer (registration ${registration.id}), ${registration.status}`,
  },
});
