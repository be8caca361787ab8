import { z } from 'zod';
import {
  clockSchema,
  conflictGroupSchema,
  firedRuleSchema,
  matchEvidenceSchema,
  moneySchema,
  partnerRoleSchema,
  registrationStatusSchema,
  viewerSchema,
} from './common';

export const dealPartnerSchema = z.object({
  partnerId: z.string(),
  name: z.string(),
  tier: z.string(),
  roles: z.array(partnerRoleSchema),
  /** Why each role: "registered the deal", "co-sell meeting on 3 Nov". */
  roleReasons: z.array(z.string()),
});
export type DealPartner = z.infer<typeof dealPartnerSchema>;

export const dealRegistrationSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  status: registrationStatusSchema,
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  protection: clockSchema.nullable(),
  approvalClock: clockSchema.nullable(),
  assignedApproverName: z.string().nullable(),
  /** The rules of engagement that fired when it was decided (or sent to review). */
  firedRules: z.array(firedRuleSchema),
  /** The records the claim was matched to, one line each. */
  matches: z.array(matchEvidenceSchema),
});
export type DealRegistration = z.infer<typeof dealRegistrationSchema>;

export const attributionSplitSchema = z.object({
  participantId: z.string(),
  name: z.string(),
  kind: z.enum(['partner', 'direct']),
  share: z.string(),
  shareBp: z.number().int(),
  amountMinor: z.number().int(),
  why: z.string(),
  disputable: z.boolean(),
});
export type AttributionSplit = z.infer<typeof attributionSplitSchema>;

export const attributionDisputeSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  state: z.string(),
  reason: z.string(),
  deadline: z.string(),
});

export const attributionSchema = z.object({
  status: z.enum(['finalised', 'provisional']),
  model: z.string(),
  modelLabel: z.string(),
  settingsVersion: z.number().int(),
  amount: moneySchema,
  splits: z.array(attributionSplitSchema),
  disputes: z.array(attributionDisputeSchema),
  /** Set when the split cannot be disputed yet, with the reason a seller reads. */
  disputeBlockedReason: z.string().nullable(),
});
export type Attribution = z.infer<typeof attributionSchema>;

export const syncHealthSchema = z.object({
  state: z.enum(['in_sync', 'writes_pending', 'write_refused', 'never_synced']),
  lastSyncedAt: z.string().nullable(),
  /** How Entente last heard of the deal: backfill, change (a webhook) or reconciliation. */
  via: z.enum(['backfill', 'change', 'reconciliation']).nullable().optional(),
  /** Why HubSpot refused Entente's last write (the deal was deleted or merged away there). */
  refusedReason: z.string().nullable().optional(),
  pendingWrites: z.number().int().nonnegative(),
  pendingFields: z.array(z.string()),
});
export type SyncHealth = z.infer<typeof syncHealthSchema>;

/** GET /hubspot/cards/deals/{dealId}: everything the partner deal card shows. */
export const dealCardPayloadSchema = z.object({
  generatedAt: z.string(),
  deal: z.object({
    id: z.string(),
    crmId: z.string(),
    name: z.string(),
    stage: z.string(),
    stageCategory: z.enum(['open', 'won', 'lost']),
    amount: moneySchema,
    closeDate: z.string().nullable(),
    ownerName: z.string().nullable(),
  }),
  viewer: viewerSchema,
  partners: z.array(dealPartnerSchema),
  registrations: z.array(dealRegistrationSchema),
  /** One block per competing party; never the deal itself. */
  conflicts: z.array(conflictGroupSchema),
  /** Null when attribution could not be worked out; the rest of the card still shows. */
  attribution: attributionSchema.nullable(),
  attributionError: z.string().nullable(),
  sync: syncHealthSchema,
});
export type DealCardPayload = z.infer<typeof dealCardPayloadSchema>;

/** POST /hubspot/cards/deals/{dealId}/disputes */
export const disputeRequestSchema = z.object({
  participantId: z.string().min(1),
  reason: z.string().min(1).max(4000),
});
export type DisputeRequest = z.infer<typeof disputeRequestSchema>;
export const disputeResponseSchema = z.object({
  id: z.string(),
  state: z.string(),
  deadline: z.string(),
});
