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
