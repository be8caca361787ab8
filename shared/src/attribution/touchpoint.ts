import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../domain/ids.js';

/** The ways a partner (or the direct team) can influence a deal. */
export const touchKindSchema = z.enum([
  'sourced',
  'referral',
  'introduction',
  'demo',
  'technical_validation',
  'co_sell_meeting',
  'implementation',
  'renewal_support',
  'marketplace_transaction',
]);
export type TouchKind = z.infer<typeof touchKindSchema>;
export const touchKinds: readonly TouchKind[] = touchKindSchema.options;

/** A referral brings the opportunity to us just as sourcing does, so both count as sourcing. */
export const sourcingKinds: ReadonlySet<TouchKind> = new Set(['sourced', 'referral']);

/**
 * Where a touchpoint was learned from (its provenance). The CRM's activity log and an internal user
 * speak for the company, and an approved registration is a governance decision; a partner's own
 * report is a claim, which counts as the attribution policy says until one of the others confirms
 * it. The order is also the authority when duplicates are merged (first wins).
 */
export const touchSourceSchema = z.enum(['crm', 'registration', 'internal', 'partner_reported']);
export type TouchSource = z.infer<typeof touchSourceSchema>;

/**
 * What a partner may report about itself: influence, never sourcing. Credit for bringing the deal
 * comes from an approved registration or from an internal user, or a partner could award itself
 * the largest share of a deal whose registration was refused.
 */
export const isPartnerReportable = (kind: TouchKind): boolean => !sourcingKinds.has(kind);

/** The direct sales team takes part in attribution like any partner, under this participant id. */
export const DIRECT_PARTICIPANT_ID = 'direct';

export const touchEvidenceSchema = z.object({
  /** The id of the record the touchpoint came from (CRM activity id, API request id...). */
  externalId: z.string().min(1).max(256).optional(),
  url: z.url().optional(),
  note: z.string().max(2000).optional(),
});
export type TouchEvidence = z.infer<typeof touchEvidenceSchema>;

/** Evidence of a participant's influence on a deal. */
export const touchpointSchema = z.object({
  id: idSchema,
  dealId: idSchema,
  /** A partner id, or DIRECT_PARTICIPANT_ID for the direct team. */
  participantId: idSchema,
  kind: touchKindSchema,
  occurredAt: isoDateTimeSchema,
  source: touchSourceSchema,
  evidence: touchEvidenceSchema,
});
export type Touchpoint = z.infer<typeof touchpointSchema>;
