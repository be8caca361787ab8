import { z } from 'zod';
import { idSchema } from '../domain/ids.js';
import { DomainError } from '../errors/index.js';
import { modelConfigSchema, percentBpSchema } from './modelConfig.js';

/**
 * A challenge to one attribution split. Lifecycle: open → under_review → upheld | rejected, and
 * open or under_review → expired once the policy's deadline passes undecided. Who may adjudicate is
 * the governance rules' call (neutrality), not this state machine's; it only keeps the order legal.
 */
export const disputeStateSchema = z.enum(['open', 'under_review', 'upheld', 'rejected', 'expired']);
export type DisputeState = z.infer<typeof disputeStateSchema>;

export const disputePolicySchema = z.object({
  /** Days the adjudicator has, from the moment the dispute is raised. */
  resolutionDays: z.number().int().min(1).max(365).default(10),
});
export type DisputePolicy = z.output<typeof disputePolicySchema>;
export const defaultDisputePolicy: DisputePolicy = disputePolicySchema.parse({});

export type DisputeRaiser = { role: 'partner' | 'seller'; id: string };

/**
 * What upholding a dispute does to the deal's credit. `split`: the named participants get the named
 * shares, and what they leave is spread over the split's other participants in proportion to their
 * shares (to the direct team when there is nobody else). `model`: the deal is attributed under
 * another declared model from then on.
 */
export const disputeRemedySchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('split'),
      shares: z
        .array(z.object({ participantId: idSchema, percent: percentBpSchema }))
        .min(1)
        .max(50),
    }),
    z.object({ kind: z.literal('model'), model: modelConfigSchema }),
  ])
  .superRefine((remedy, ctx) => {
    if (remedy.kind !== 'split') return;
    const ids = remedy.shares.map((share) => share.participantId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['shares'], message: 'each participant at most once' });
    const totalBp = remedy.shares.reduce((sum, share) => sum + Math.round(share.percent * 100), 0);
    if (totalBp > 10_000)
      ctx.addIssue({ code: 'custom', path: ['shares'], message: 'the shares add up to more than 100' });
  });
export type DisputeRemedyInput = z.input<typeof disputeRemedySchema>;
export type DisputeRemedy = z.output<typeof disputeRemedySchema>;
export type SplitRemedy = Extract<DisputeRemedy, { kind: 'split' }>;
export type ModelRemedy = Extract<DisputeRemedy, { kind: 'model' }>;

export type DisputeHistoryEntry = { state: DisputeState; at: string; by: string | null; note: string | null };

export type Dispute = {
  id: string;
  dealId: string;
  /** The participant whose split is disputed. */
  participantId: string;
  raisedBy: DisputeRaiser;
  reason: string;
  state: DisputeState;
  openedAt: string;
  deadline: string;
  adjudicatorId: string | null;
  outcomeReason: string | null;
  /**
   * What the raiser asks for; once upheld, what was applied (the adjudicator's, when the raiser
   * named none).
   */
  remedy: DisputeRemedy | null;
  /** The attribution revision upholding it created. */
  appliedRevision: number | null;
  history: DisputeHistoryEntry[];
};

export type DisputeEvent =
  | { type: 'start_review'; adjudicatorId: string }
  | { type: 'uphold'; adjudicatorId: string; reason: string; remedy?: DisputeRemedy }
  | { type: 'reject'; adjudicatorId: string; reason: string }
  | { type: 'expire' };

const DAY_MS = 86_400_000;

export const disputeDeadline = (openedAt: string, policy: DisputePolicy = defaultDisputePolicy): string =>
  new Date(Date.parse(openedAt) + policy.resolutionDays * DAY_MS).toISOString();

export const openDispute = (
  input: {
    id: string;
    dealId: string;
    participantId: string;
    raisedBy: DisputeRaiser;
    reason: string;
    openedAt: string;
    remedy?: DisputeRemedy | null;
  },
  policy: DisputePolicy = defaultDisputePolicy,
): Dispute => {
  if (!input.reason.trim()) throw new DomainError('DISPUTE.REASON_REQUIRED', 'A dispute needs a reason');
  return {
    ...input,
    remedy: input.remedy ?? null,
    appliedRevision: null,
    state: 'open',
    deadline: disputeDeadline(input.openedAt, policy),
    adjudicatorId: null,
    outcomeReason: null,
    history: [{ state: 'open', at: input.openedAt, by: input.raisedBy.id, note: input.reason }],
  };
};

const allowed: Record<DisputeState, readonly DisputeEvent['type'][]> = {
  open: ['start_review', 'expire'],
  under_review: ['uphold', 'reject', 'expire'],
  upheld: [],
  rejected: [],
  expired: [],
};

const targetOf: Record<DisputeEvent['type'], DisputeState> = {
  start_review: 'under_review',
  uphold: 'upheld',
  reject: 'rejected',
  expire: 'expired',
};

export const isDisputeClosed = (dispute: Dispute): boolean => allowed[dispute.state].length === 0;

/**
 * Applies an event at time `at` (ISO 8601). Deciding after the deadline is refused, because the
 * dispute has expired by policy even if nobody has recorded it yet; expiring before it is refused too.
 */
export const transitionDispute = (dispute: Dispute, event: DisputeEvent, at: string): Dispute => {
  const illegal = (why: string): DomainError =>
    new DomainError(
      'DISPUTE.ILLEGAL_TRANSITION',
      `Dispute ${dispute.id} cannot ${event.type.replace('_', ' ')}: ${why}`,
      {
        details: { state: dispute.state, event: event.type, deadline: dispute.deadline, at },
      },
    );
  if (!allowed[dispute.state].includes(event.type)) throw illegal(`it is ${dispute.state.replace('_', ' ')}`);
  const overdue = Date.parse(at) >= Date.parse(dispute.deadline);
  if (event.type === 'expire' && !overdue) throw illegal(`its deadline ${dispute.deadline} has not passed`);
  if (event.type !== 'expire' && overdue) throw illegal(`its deadline ${dispute.deadline} has passed`);
  const remedy = event.type === 'uphold' ? upheldRemedy(dispute, event.remedy) : dispute.remedy;
  const state = targetOf[event.type];
  const by = event.type === 'expire' ? null : event.adjudicatorId;
  const note = event.type === 'uphold' || event.type === 'reject' ? event.reason : null;
  return {
    ...dispute,
    state,
    remedy,
    adjudicatorId: by ?? dispute.adjudicatorId,
    outcomeReason:
      note ?? (state === 'expired' ? 'the deadline passed without a decision' : dispute.outcomeReason),
    history: [...dispute.history, { state, at, by, note }],
  };
};

/**
 * Upholding a dispute changes the deal's credit, so it needs a remedy: the one the raiser named, or,
 * when the raiser named none, the adjudicator's. An adjudicator cannot swap the raiser's remedy for
 * another; a different correction is a different dispute.
 */
const upheldRemedy = (dispute: Dispute, named: DisputeRemedy | undefined): DisputeRemedy => {
  if (dispute.remedy && named)
    throw new DomainError(
      'DISPUTE.REMEDY_ALREADY_NAMED',
      `Dispute ${dispute.id} already names its remedy; upholding it applies that one`,
      { details: { remedy: dispute.remedy } },
    );
  const remedy = dispute.remedy ?? named;
  if (!remedy)
    throw new DomainError(
      'DISPUTE.REMEDY_REQUIRED',
      `Dispute ${dispute.id} names no remedy: upholding it must say what the credit becomes (a split or a model)`,
    );
  return remedy;
};

/** For a sweeper: the disputes whose deadline has passed, expired as of `now`. */
export const expireOverdueDisputes = (disputes: readonly Dispute[], now: string): Dispute[] =>
  disputes
    .filter((d) => !isDisputeClosed(d) && Date.parse(now) >= Date.parse(d.deadline))
    .map((d) => transitionDispute(d, { type: 'expire' }, now));
