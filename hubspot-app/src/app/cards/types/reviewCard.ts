import { z } from 'zod';
import {
  clockSchema,
  conflictGroupSchema,
  firedRuleSchema,
  matchEvidenceSchema,
  registrationStatusSchema,
  viewerSchema,
} from './common';

export { matchEvidenceSchema, type MatchEvidence } from './common';

export const decisionOutcomeSchema = z.enum(['approve', 'reject', 'request_info']);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

export const personSchema = z.object({ userId: z.string(), name: z.string(), role: z.string() });
export type Person = z.infer<typeof personSchema>;

export const neutralitySchema = z.object({
  /** True when the viewer may decide: an adjudicating role and no stake in the outcome. */
  canDecide: z.boolean(),
  /** The viewer's stakes, in words ("owns the competing deal Acme renewal"). */
  stakes: z.array(z.string()),
  /** Why the viewer cannot decide, when they cannot. */
  reason: z.string().nullable(),
  assignedApprover: personSchema.nullable(),
  /** Neutral people who can decide. */
  whoCan: z.array(personSchema),
});
export type Neutrality = z.infer<typeof neutralitySchema>;

/** An override one person proposed, waiting for a second, different neutral person. */
export const pendingOverrideSchema = z.object({
  /** What the override would do: overturn an automatic approval (reject) or rejection (approve). */
  outcome: z.enum(['approve', 'reject']),
  proposedByName: z.string(),
  reason: z.string(),
  proposedAt: z.string(),
  /** Unconfirmed by then, the proposal lapses and the automatic decision stands. */
  dueAt: z.string(),
});
export type PendingOverride = z.infer<typeof pendingOverrideSchema>;

export const reviewRegistrationSchema = z
  .object({
    id: z.string(),
    partnerName: z.string(),
    status: registrationStatusSchema,
    submittedAt: z.string(),
    customer: z.object({ name: z.string().nullable(), domain: z.string().nullable() }),
    policy: z.object({ version: z.number().int().nullable(), outcome: z.string().nullable() }),
    firedRules: z.array(firedRuleSchema),
    /** The records the claim was matched to, one line each. */
    matches: z.array(matchEvidenceSchema),
    /** One block per competing party; never the record the card is on. */
    conflicts: z.array(conflictGroupSchema),
    /** Review due while a decision is pending; for a proposed override, the second approval's clock. */
    clock: clockSchema.nullable(),
    /** Protection until: the window of a claim the rules approved. */
    protection: clockSchema.nullable(),
    neutrality: neutralitySchema,
    /**
     * `decide`: pending, approve/reject/request info. `override`: decided automatically by the rules;
     * a neutral person may propose going against them, with a written reason. `confirm`: an override
     * someone proposed, which a second, different neutral person confirms or declines (four eyes).
     */
    mode: z.enum(['decide', 'confirm', 'override']),
    /** Set in `confirm` mode: who proposed what, why, and until when it can be confirmed. */
    pendingOverride: pendingOverrideSchema.nullable(),
    decisions: z.array(
      z.object({
        kind: z.string(),
        outcome: z.string(),
        actorName: z.string().nullable(),
        reason: z.string().nullable(),
        decidedAt: z.string(),
      }),
    ),
  })
  // A confirm form without the proposal would ask someone to confirm something they cannot read.
  .refine((r) => (r.mode === 'confirm') === (r.pendingOverride !== null), {
    message: 'pendingOverride is set exactly in confirm mode',
    path: ['pendingOverride'],
  });
export type ReviewRegistration = z.infer<typeof reviewRegistrationSchema>;

export const disputeActionSchema = z.enum(['start_review', 'uphold', 'reject']);
export type DisputeAction = z.infer<typeof disputeActionSchema>;

/** One participant's share in the split upholding a dispute would give, beside what it has now. */
export const proposedShareSchema = z.object({
  participantId: z.string(),
  name: z.string(),
  /** "50%", "33.33%". */
  share: z.string(),
  shareBp: z.number().int(),
  /** Its share of the credit of record now. */
  was: z.string(),
});
export type ProposedShare = z.infer<typeof proposedShareSchema>;

/** A dispute of the deal's credit still waiting for a decision, as the viewer may act on it. */
export const reviewDisputeSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  participantName: z.string(),
  /** The disputed participant's share of the credit of record. */
  disputedShare: z.string(),
  /** A partner disputing its own split, or a seller naming one; reviewers are internal, so named. */
  raisedBy: z.object({ role: z.enum(['partner', 'seller']), name: z.string() }),
  reason: z.string(),
  state: z.enum(['open', 'under_review']),
  openedAt: z.string(),
  /** From opening to the deadline; undecided by then, it expires. */
  clock: clockSchema,
  /** What upholding does, in words; null when the raiser named none (the adjudicator names one). */
  remedy: z.object({ kind: z.enum(['split', 'model']), description: z.string() }).nullable(),
  /** The split upholding would give, worked out now; null without a remedy. */
  proposed: z.array(proposedShareSchema).nullable(),
  /** What the viewer may do now: start_review when open, uphold or reject under review. */
  actions: z.array(disputeActionSchema),
  /** Why the viewer may not decide it (a stake, no adjudicating role, the deadline passed). */
  blockedReason: z.string().nullable(),
});
export type ReviewDispute = z.infer<typeof reviewDisputeSchema>;

/** GET /hubspot/cards/{deals|companies}/{id}/registrations */
export const reviewCardPayloadSchema = z.object({
  generatedAt: z.string(),
  record: z.object({
    type: z.enum(['deal', 'company']),
    id: z.string(),
    crmId: z.string(),
    name: z.string(),
  }),
  viewer: viewerSchema,
  registrations: z.array(reviewRegistrationSchema),
  /** The deal's disputes waiting for a decision; always empty on a company. */
  disputes: z.array(reviewDisputeSchema),
});
export type ReviewCardPayload = z.infer<typeof reviewCardPayloadSchema>;

/**
 * POST /hubspot/cards/registrations/{registrationId}/decision. Against an automatic decision this
 * proposes the override; the service refuses any other field.
 */
export const decisionRequestSchema = z
  .object({
    outcome: decisionOutcomeSchema,
    reason: z.string().min(1).max(4000),
  })
  .strict();
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const decisionResponseSchema = z.object({
  registrationId: z.string(),
  status: registrationStatusSchema,
  /** True when the request proposed an override, which waits for a second person. */
  override: z.boolean(),
  protectedUntil: z.string().nullable(),
  message: z.string(),
});
export type DecisionResponse = z.infer<typeof decisionResponseSchema>;

/** POST /hubspot/cards/registrations/{registrationId}/override-confirmation */
export const confirmOverrideRequestSchema = z
  .object({
    decision: z.enum(['confirm', 'decline']),
    reason: z.string().min(1).max(4000),
  })
  .strict();
export type ConfirmOverrideRequest = z.infer<typeof confirmOverrideRequestSchema>;

export const confirmOverrideResponseSchema = z.object({
  registrationId: z.string(),
  status: registrationStatusSchema,
  override: z.enum(['confirmed', 'declined']),
  protectedUntil: z.string().nullable(),
  message: z.string(),
});
export type ConfirmOverrideResponse = z.infer<typeof confirmOverrideResponseSchema>;

/**
 * POST /hubspot/cards/deals/{dealId}/disputes/{disputeId}/decision. A remedy goes only with an
 * uphold, and only when the dispute names none; the service refuses any other field.
 */
export const disputeDecisionRequestSchema = z
  .object({
    action: disputeActionSchema,
    reason: z.string().min(1).max(4000),
    remedy: z
      .object({
        kind: z.literal('split'),
        shares: z.array(z.object({ participantId: z.string(), percent: z.number().min(0).max(100) })),
      })
      .optional(),
  })
  .strict();
export type DisputeDecisionRequest = z.infer<typeof disputeDecisionRequestSchema>;

export const disputeDecisionResponseSchema = z.object({
  id: z.string(),
  state: z.enum(['open', 'under_review', 'upheld', 'rejected', 'expired']),
  deadline: z.string(),
  appliedRevision: z.number().int().nullable(),
  /** The deal's credit after an upheld dispute; null otherwise. */
  splits: z
    .array(z.object({ participantId: z.string(), name: z.string(), share: z.string(), shareBp: z.number() }))
    .nullable(),
  message: z.string(),
});
export type DisputeDecisionResponse = z.infer<typeof disputeDecisionResponseSchema>;
