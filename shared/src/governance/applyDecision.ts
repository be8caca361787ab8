import type { Registration, RegistrationStatus } from '../domain/index.js';
import { DomainError } from '../errors/index.js';
import { transition, type RegistrationEvent } from './lifecycle.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What happened to a registration, in governance words. */
export type Decision =
  /** The rules of engagement decided at submission. */
  | { kind: 'policy'; outcome: 'approve' | 'reject' | 'review' }
  /** A neutral person decided a registration under review. */
  | { kind: 'human'; outcome: 'approve' | 'reject' | 'request_info' }
  /** A neutral person proposes overturning what the rules decided automatically. */
  | { kind: 'override_proposal' }
  /** A second neutral person confirmed the proposal: the registration takes the proposed outcome. */
  | { kind: 'override'; outcome: 'approve' | 'reject' }
  /**
   * The proposal lapsed or was declined: the automatic decision stands again, with the window it had
   * (a proposal never moves clocks).
   */
  | { kind: 'override_lapse'; restore: 'approved' | 'rejected' }
  /** The partner answered a request for information: the claim is judged again. */
  | { kind: 'resubmission' }
  | { kind: 'withdrawal' }
  | { kind: 'extension' }
  | { kind: 'expiry' }
  /** A review passed its due time undecided and moves to another reviewer; the status stays. */
  | { kind: 'escalation' }
  /**
   * A competing claim was approved and the policy ends this one's protection with notice: the
   * window closes at `protectedUntil` (never later than it already did); the status stays.
   */
  | { kind: 'protection_notice'; protectedUntil: string };

/** The numbers a decision's clocks come from: the rule that fired, and the policy's defaults. */
export type DecisionTerms = {
  protectionDays: number;
  reviewHours: number;
  extensionDays: number;
  reminderDaysBeforeExpiry: readonly number[];
};

export type AppliedDecision = {
  /** The lifecycle edge taken; null for an escalation, which changes who reviews, not the status. */
  event: RegistrationEvent | null;
  status: RegistrationStatus;
  decidedAt: string | null;
  protectedUntil: string | null;
  /** Set when the decision starts a review: when it escalates if nobody decides. */
  reviewDueAt: string | null;
  /** Reminders before the protection ends that are still ahead (none when the window did not move). */
  reminders: { daysBefore: number; at: string }[];
};

const eventOf = (
  decision: Exclude<Decision, { kind: 'escalation' } | { kind: 'protection_notice' }>,
): RegistrationEvent => {
  switch (decision.kind) {
    case 'policy':
      return decision.outcome === 'review' ? 'start_review' : decision.outcome;
    case 'human':
      return decision.outcome;
    case 'override_proposal':
      return 'propose_override';
    case 'override':
      return decision.outcome;
    case 'override_lapse':
      return 'lapse_override';
    case 'resubmission':
      return 'resubmit';
    case 'withdrawal':
      return 'withdraw';
    case 'extension':
      return 'extend';
    case 'expiry':
      return 'expire';
  }
};

const plusDays = (iso: string | Date, days: number) =>
  new Date(new Date(iso).getTime() + days * DAY_MS).toISOString();

/**
 * The new status of a registration and its clocks after a decision, with no I/O: a decision that
 * approves opens a protection window of the rule's length; one that rejects closes any window; a
 * review gets its due time; an extension moves the window's end by the policy's extension. An edge
 * the lifecycle does not have is refused (REGISTRATION.ILLEGAL_TRANSITION).
 */
export const applyDecision = (
  registration: Pick<Registration, 'status' | 'decidedAt' | 'protectedUntil'>,
  decision: Decision,
  terms: DecisionTerms,
  now: Date,
): AppliedDecision => {
  if (decision.kind === 'escalation') {
    if (registration.status !== 'submitted' && registration.status !== 'in_review')
      throw new DomainError(
        'REGISTRATION.ILLEGAL_TRANSITION',
        `A registration that is ${registration.status.replace('_', ' ')} is not under review and cannot escalate`,
        { details: { from: registration.status, event: 'escalate', allowed: [] } },
      );
    const { status, decidedAt, protectedUntil } = registration;
    return { event: null, status, decidedAt, protectedUntil, reviewDueAt: null, reminders: [] };
  }
  if (decision.kind === 'protection_notice') {
    if (
      !registration.protectedUntil ||
      (registration.status !== 'approved' && registration.status !== 'extended')
    )
      throw new DomainError(
        'REGISTRATION.ILLEGAL_TRANSITION',
        `A registration that is ${registration.status.replace(/_/g, ' ')} has no protection to end`,
        { details: { from: registration.status, event: 'protection_notice', allowed: [] } },
      );
    const protectedUntil =
      decision.protectedUntil < registration.protectedUntil
        ? decision.protectedUntil
        : registration.protectedUntil;
    return {
      event: null,
      status: registration.status,
      decidedAt: registration.decidedAt,
      protectedUntil,
      reviewDueAt: null,
      reminders: remindersBefore(protectedUntil, terms.reminderDaysBeforeExpiry, now),
    };
  }
  const event = eventOf(decision);
  const edge = transition(registration.status, event);
  const at = now.toISOString();
  let { decidedAt, protectedUntil } = registration;
  if (decision.kind === 'override_proposal' || decision.kind === 'override_lapse') {
    // Neither step decides anything: the registration keeps its decision time and window, so a
    // lapsed proposal leaves it exactly as the rules left it.
    const status = decision.kind === 'override_lapse' ? decision.restore : edge;
    return { event, status, decidedAt, protectedUntil, reviewDueAt: null, reminders: [] };
  }
  const status = edge;
  let reviewDueAt: string | null = null;
  let windowMoved = false;

  if (event === 'start_review')
    reviewDueAt = new Date(now.getTime() + terms.reviewHours * HOUR_MS).toISOString();
  if (status === 'approved' && event !== 'extend') {
    decidedAt = at;
    protectedUntil = plusDays(now, terms.protectionDays);
    windowMoved = true;
  } else if (status === 'rejected') {
    decidedAt = at;
    protectedUntil = null;
  } else if (event === 'extend') {
    if (!protectedUntil)
      throw new DomainError(
        'REGISTRATION.EXTENSION_NOT_ALLOWED',
        'This registration has no protection window to extend.',
      );
    protectedUntil = plusDays(protectedUntil, terms.extensionDays);
    windowMoved = true;
  }

  const reminders =
    windowMoved && protectedUntil ? remindersBefore(protectedUntil, terms.reminderDaysBeforeExpiry, now) : [];
  return { event, status, decidedAt, protectedUntil, reviewDueAt, reminders };
};

/** The reminders before a window's end that are still ahead of `now`. */
export const remindersBefore = (
  protectedUntil: string,
  daysBefore: readonly number[],
  now: Date,
): { daysBefore: number; at: string }[] =>
  daysBefore
    .map((days) => ({ daysBefore: days, at: plusDays(protectedUntil, -days) }))
    .filter((reminder) => Date.parse(reminder.at) > now.getTime());

/** The policy's limits on extending a window, and how many were used. */
export type ExtensionLimits = { maxCount: number; requestWithinDays: number; used: number };

/**
 * Why an extension may not be granted now, or null when it may: the policy caps how many a
 * registration gets, and a request opens only in the last days of the window.
 */
export const extensionRefusal = (
  protectedUntil: string | null,
  limits: ExtensionLimits,
  now: Date,
): string | null => {
  if (!protectedUntil) return 'This registration has no protection window to extend.';
  if (limits.used >= limits.maxCount)
    return `The rules allow ${limits.maxCount} extension(s) and ${limits.used} were used.`;
  const opensAt = Date.parse(protectedUntil) - limits.requestWithinDays * DAY_MS;
  if (now.getTime() < opensAt)
    return `Extensions can be requested from ${new Date(opensAt).toISOString()}, ${limits.requestWithinDays} days before the window ends.`;
  return null;
};
