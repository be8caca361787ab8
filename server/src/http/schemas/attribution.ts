import { z } from 'zod';
import {
  disputeRemedySchema,
  disputeStateSchema,
  modelConfigSchema,
  partnerReportedPolicySchema,
  touchKindSchema,
  touchpointSchema,
} from '@entente/shared/attribution';

/** Response shapes of the attribution API, for validation-free OpenAPI description. */
export const splitViewSchema = z
  .object({
    participantId: z.string(),
    participantName: z.string(),
    participantKind: z.enum(['partner', 'direct']),
    shareBp: z.number().int().meta({ description: 'Basis points; a deal’s shares add up to 10000' }),
    share: z.string().meta({ example: '60%' }),
    amountMinor: z.number().int(),
    explanation: z.string().meta({
      example: 'Northwind 60%: sourced the deal (first touch, 40%) and ran the technical validation (20%)',
    }),
    contributions: z.array(
      z.object({
        touchpointId: z.string(),
        kind: touchKindSchema,
        occurredAt: z.string(),
        label: z.string(),
        shareBp: z.number().int(),
        reportedShareBp: z.number().int().optional().meta({
          description:
            'A partner-reported touch not confirmed yet: the share the model gave it, of which `shareBp` counts by the partner-reported policy',
        }),
        heldBackFrom: z.string().optional().meta({
          description:
            'On the direct team’s split: the partner whose unconfirmed report this part is held from',
        }),
      }),
    ),
  })
  .meta({ id: 'AttributionSplit' });

export const disputeViewSchema = z
  .object({
    id: z.string(),
    dealId: z.string(),
    participantId: z.string(),
    raisedBy: z.object({ role: z.enum(['partner', 'seller']), id: z.string() }),
    reason: z.string(),
    state: disputeStateSchema,
    openedAt: z.string(),
    deadline: z.string(),
    adjudicatorId: z.string().nullable(),
    outcomeReason: z.string().nullable(),
    remedy: disputeRemedySchema.nullable().meta({
      description: 'What upholding it does: named by the raiser, or by the adjudicator when upheld',
    }),
    appliedRevision: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The attribution revision upholding it created' }),
  })
  .meta({ id: 'AttributionDispute' });

const adjustmentSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('split'),
      disputeId: z.string(),
      shares: z.array(z.object({ participantId: z.string(), shareBp: z.number().int() })),
    }),
    z.object({ kind: z.literal('model'), disputeId: z.string(), model: modelConfigSchema }),
  ])
  .meta({ id: 'AttributionAdjustment' });

export const creditHistorySchema = z
  .object({
    at: z.string(),
    kind: z.enum(['finalised', 'sourcing_credited', 'sourcing_withdrawn', 'dispute_upheld']),
    line: z.string().meta({
      example: 'Northwind’s sourcing credit was withdrawn on 2026-11-02: its registration r-1 was rejected',
    }),
  })
  .meta({ id: 'AttributionHistoryLine' });

export const partnerDisputeViewSchema = z
  .object({
    id: z.string(),
    state: disputeStateSchema,
    reason: z.string(),
    openedAt: z.string(),
    deadline: z.string(),
    outcomeReason: z.string().nullable(),
  })
  .meta({ id: 'PartnerAttributionDispute' });

export const dealAttributionViewSchema = z
  .object({
    dealId: z.string(),
    status: z.enum(['finalised', 'provisional']),
    model: z.string(),
    settingsVersion: z.number().int(),
    revision: z.number().int().nullable(),
    finalisedAt: z.string().nullable(),
    amountMinor: z.number().int(),
    currency: z.string(),
    splits: z.array(splitViewSchema),
    ignored: z.array(z.object({ touchpointId: z.string(), reason: z.string() })),
    fallback: z.string().nullable(),
    inheritance: z
      .object({ mode: z.enum(['inherited', 'fresh', 'no_original']), originalDealId: z.string().nullable() })
      .nullable()
      .meta({
        description:
          'For a renewal: inherited from its original deal, or attributed fresh on new touches; no_original when the CRM marks it a renewal but no original was found (its splits say why)',
      }),
    adjustment: adjustmentSchema.nullable().meta({
      description: 'Set when an upheld dispute decided this credit (a split, or a model for this deal)',
    }),
    disputes: z.array(disputeViewSchema),
    history: z.array(creditHistorySchema).meta({
      description:
        'What changed the credit and why, oldest first: finalisations, sourcing credit given and withdrawn, upheld disputes',
    }),
  })
  .meta({ id: 'DealAttribution' });

const reviewFields = {
  actions: z.array(z.enum(['start_review', 'uphold', 'reject'])).meta({
    description:
      'What you may do now; empty when it is decided or you may not decide it. Upholding a dispute without a remedy needs yours',
  }),
  blockedReason: z.string().nullable().meta({
    description:
      'Why you may not decide it: a stake (naming it), no adjudicating role, or the deadline passed',
  }),
};

export const reviewDisputeViewSchema = disputeViewSchema
  .extend(reviewFields)
  .meta({ id: 'AttributionDisputeForReview' });

export const dealDisputesViewSchema = z
  .object({
    dealId: z.string(),
    revision: z.number().int().meta({ description: 'The revision of the credit the disputes are about' }),
    splits: z.array(splitViewSchema),
    disputes: z.array(
      disputeViewSchema.extend({
        ...reviewFields,
        proposed: z.array(splitViewSchema).nullable().meta({
          description:
            'The split upholding its remedy would give, worked out now; null without a remedy or once decided',
        }),
      }),
    ),
  })
  .meta({ id: 'DealAttributionDisputes' });

export const internalRecordedTouchpointsSchema = z
  .object({
    recorded: z.array(touchpointSchema),
    duplicates: z.array(z.object({ id: z.string(), keptId: z.string(), reason: z.string() })),
    alreadyKnown: z.array(z.string()),
  })
  .meta({ id: 'InternalRecordedTouchpoints' });

/** A partner's own share: no amount (it would tell the deal's), no id of a touch the CRM recorded. */
export const partnerSplitViewSchema = z
  .object({
    participantId: z.string(),
    participantName: z.string(),
    shareBp: z.number().int().meta({ description: 'Basis points of the deal’s credit' }),
    share: z.string().meta({ example: '60%' }),
    explanation: z.string().meta({
      example: 'Northwind 60%: sourced the deal (first touch, 40%) and ran the technical validation (20%)',
    }),
    contributions: z.array(
      z.object({
        touchpointId: z.string().optional().meta({ description: 'Only for touches you reported' }),
        kind: touchKindSchema,
        occurredAt: z.string(),
        label: z.string(),
        shareBp: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'PartnerAttributionSplit' });

export const partnerDealAttributionViewSchema = z
  .object({
    dealId: z.string().meta({ description: 'The deal id you asked about' }),
    status: z.enum(['finalised', 'provisional']),
    model: z.string(),
    finalisedAt: z.string().nullable(),
    split: partnerSplitViewSchema.nullable(),
    disputes: z.array(partnerDisputeViewSchema).meta({ description: 'The disputes you raised' }),
  })
  .meta({ id: 'PartnerDealAttribution' });

export const attributionSettingsViewSchema = z
  .object({
    version: z.number().int(),
    model: modelConfigSchema,
    renewalPolicy: z.object({ mode: z.string(), newTouchKinds: z.array(touchKindSchema) }),
    disputePolicy: z.object({ resolutionDays: z.number().int() }),
    partnerReported: partnerReportedPolicySchema,
    publishedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'AttributionSettings' });
