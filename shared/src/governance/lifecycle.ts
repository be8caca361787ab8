import type { RegistrationStatus } from '../domain/index.js';
import { DomainError } from '../errors/index.js';

/** What can happen to a registration. Each event moves it along exactly one edge of the lifecycle. */
export type RegistrationEvent =
  | 'start_review'
  | 'approve'
  | 'reject'
  | 'request_info'
  | 'resubmit'
  | 'withdraw'
  | 'extend'
  | 'expire'
  | 'win'
  | 'lose'
  /** Four-eyes override of an automatic decision: approved <-> rejected. */
  | 'overturn';

/**
 * The lifecycle, edge by edge. A policy may decide at submission, so `approve` and `reject` are also
 * edges out of `submitted`. Withdrawing is possible until a decision is made, never after. An
 * automatic decision can be overturned, but only with two neutral approvers (decideRegistration).
 */
const EDGES: Record<RegistrationStatus, Partial<Record<RegistrationEvent, RegistrationStatus>>> = {
  submitted: {
    start_review: 'in_review',
    approve: 'approved',
    reject: 'rejected',
    request_info: 'info_requested',
    withdraw: 'withdrawn',
  },
  in_review: {
    approve: 'approved',
    reject: 'rejected',
    request_info: 'info_requested',
    withdraw: 'withdrawn',
  },
  info_requested: { resubmit: 'submitted', withdraw: 'withdrawn' },
  approved: { extend: 'extended', expire: 'expired', win: 'won', lose: 'lost', overturn: 'rejected' },
  extended: { extend: 'extended', expire: 'expired', win: 'won', lose: 'lost' },
  rejected: { overturn: 'approved' },
  expired: {},
  withdrawn: {},
  won: {},
  lost: {},
};

export const canTransition = (from: RegistrationStatus, event: RegistrationEvent): boolean =>
  EDGES[from][event] !== undefined;

export const allowedEvents = (from: RegistrationStatus): RegistrationEvent[] =>
  Object.keys(EDGES[from]) as RegistrationEvent[];

/** The next status, or 409 REGISTRATION.ILLEGAL_TRANSITION naming what is allowed instead. */
export const transition = (from: RegistrationStatus, event: RegistrationEvent): RegistrationStatus => {
  const to = EDGES[from][event];
  if (to !== undefined) return to;
  const allowed = allowedEvents(from);
  throw new DomainError(
    'REGISTRATION.ILLEGAL_TRANSITION',
    `A registration that is ${from.replace('_', ' ')} cannot ${event.replace('_', ' ')}` +
      (allowed.length > 0 ? `; it can: ${allowed.join(', ')}` : '; it is final'),
    { details: { from, event, allowed } },
  );
};

/** Statuses before a decision: the registration holds the customer but is not protected yet. */
export const PENDING_STATUSES: readonly RegistrationStatus[] = ['submitted', 'in_review', 'info_requested'];
/** Statuses with a running protection window. */
export const PROTECTED_STATUSES: readonly RegistrationStatus[] = ['approved', 'extended'];
