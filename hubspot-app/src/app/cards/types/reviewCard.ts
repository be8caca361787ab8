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

export const reviewRegistrationSchema = z.object({
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
  /** Review due: the approval clock while a decision is pending. */
  clock: clockSchema.nullable(),
  /** Protection until: the window of a claim the rules approved. */
  protection: clockSchema.nullable(),
  neutrality: neutralitySchema,
  /**
   * `decide`: pending, approve/reject/request info. `override`: decided automatically by the rules;
   * going against them needs a second neutral approver (four eyes) and a written reason.
   */
  mode: z.enum(['decide', 'override']),
  secondApprovers: z.array(personSchema),
  decisions: z.array(
    z.object({
      kind: z.string(),
      outcome: z.string(),
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
      decidedAt: z.string(),
    }),
  ),
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

/** POST /hubspot/cards/registrations/{registrationId}/decision */
export const decisionRequestSchema = z.object({
  outcome: decisionOutcomeSchema,
  reason: z.string().min(1).max(4000),
  override: z.object({ secondApproverId: z.string().min(1) }).optional(),
});
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const decisionResponseSchema = z.object({
  registrationId: z.string(),
  status: registrationStatusSchema,
  override: z.boolean(),
  protectedUntil: z.string().nullable(),
  message: z.string(),
});
export type DecisionResponse = z.infer<typeof decisionResponseSchema>;
