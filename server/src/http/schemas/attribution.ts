import { z } from 'zod';
import { disputeStateSchema, modelConfigSchema, touchKindSchema } from '@entente/shared/attribution';

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
      }),
    ),
  })
  .meta({ id: 'AttributionSplit' });

export const disputeViewSchema = z
  .object({
    id: z.string(),
    participantId: z.string(),
    raisedBy: z.object({ role: z.enum(['partner', 'seller']), id: z.string() }),
    reason: z.string(),
    state: disputeStateSchema,
    openedAt: z.string(),
    deadline: z.string(),
    adjudicatorId: z.string().nullable(),
    outcomeReason: z.string().nullable(),
  })
  .meta({ id: 'AttributionDispute' });

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
    inheritance: z.object({ mode: z.enum(['inherited', 'fresh']), originalDealId: z.string() }).nullable(),
    disputes: z.array(disputeViewSchema),
  })
  .meta({ id: 'DealAttribution' });

export const partnerDealAttributionViewSchema = z
  .object({
    dealId: z.string(),
    status: z.enum(['finalised', 'provisional']),
    model: z.string(),
    finalisedAt: z.string().nullable(),
    currency: z.string(),
    split: splitViewSchema.nullable(),
    disputes: z.array(partnerDisputeViewSchema),
  })
  .meta({ id: 'PartnerDealAttribution' });

export const attributionSettingsViewSchema = z
  .object({
    version: z.number().int(),
    model: modelConfigSchema,
    renewalPolicy: z.object({ mode: z.string(), newTouchKinds: z.array(touchKindSchema) }),
    disputePolicy: z.object({ resolutionDays: z.number().int() }),
    publishedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'AttributionSettings' });
