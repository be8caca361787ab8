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
  /** A person proposes overturning an automatic decision (approved <-> rejected); four eyes. */
  | 'propose_override'
  /** Nobody confirmed the proposal in time (or the second person declined): the decision stands. */
  | 'lapse_override';

/**
 * The lifecycle, edge by edge. A policy may decide at submission, so `approve` and `reject` are also
 * edges out of `submitted`. Withdrawing is possible until a decision is made, never after. An
 * automatic decision can be overturned only by two neutral people in two requests: the first
 * proposes (`pending_second_approval`), the second confirms with `approve` or `reject`. A proposal
 * that lapses returns to the decision it proposed to overturn, which `lapse_override` cannot name
 * statically: `applyDecision` restores it from the proposal.
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
  pending_second_approval: { approve: 'approved', reject: 'rejected', lapse_override: 'approved' },
  approved: {
    extend: 'extended',
    expire: 'expired',
    win: 'won',
    lose: 'lost',
    propose_override: 'pending_second_approval',
  },
  extended: { extend: 'extended', expire: 'expired', win: 'won', lose: 'lost' },
  rejected: { propose_override: 'pending_second_approval' },
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
export const PENDING_STATUSES: readonly RegistrationStatus[] = [
  'submitted',
  'in_review',
  'info_requested',
  'pending_second_approval',
];
/** Statuses with a running protection window. */
export const PROTECTED_STATUSES: readonly RegistrationStatus[] = ['approved', 'extended'];
