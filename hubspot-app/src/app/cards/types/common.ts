import { z } from 'zod';

/**
 * The JSON contract between the Entente service and the cards. The service builds these payloads
 * under `/hubspot/cards/...`; the cards validate every answer with these schemas before showing it,
 * so a service that drifts shows an error state instead of a half-broken card.
 */

export const moneySchema = z.object({
  amountMinor: z.number().int(),
  currency: z.string(),
});
export type Money = z.infer<typeof moneySchema>;

/** Who is looking, as the service resolved the signed HubSpot user. */
export const viewerSchema = z.object({
  userId: z.string().nullable(),
  name: z.string().nullable(),
  roles: z.array(z.string()),
  canAdjudicate: z.boolean(),
  isAdmin: z.boolean(),
});
export type Viewer = z.infer<typeof viewerSchema>;

/** A countdown the service computed at `generatedAt`; cards never read the clock themselves. */
export const clockSchema = z.object({
  label: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** 0–100, how much of the window has gone. */
  percentUsed: z.number().min(0).max(100),
  /** Whole hours left (negative when overdue). */
  hoursLeft: z.number().int(),
  overdue: z.boolean(),
});
export type Clock = z.infer<typeof clockSchema>;

export const registrationStatusSchema = z.enum([
  'submitted',
  'in_review',
  'info_requested',
  'pending_second_approval',
  'approved',
  'extended',
  'rejected',
  'expired',
  'withdrawn',
  'won',
  'lost',
]);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

export const recordLinkSchema = z.object({
  type: z.enum(['deal', 'company', 'registration']),
  id: z.string(),
  label: z.string(),
  /** The HubSpot record page, when the record lives in HubSpot. */
  url: z.string().nullable(),
});
export type RecordLink = z.infer<typeof recordLinkSchema>;

export const conflictSeveritySchema = z.enum(['info', 'warning', 'blocking']);

/** A competing record, once, with what makes it compete ("open deal", "competing claim"). */
export const conflictRecordSchema = recordLinkSchema.extend({ why: z.string() });
export type ConflictRecord = z.infer<typeof conflictRecordSchema>;

/** Who competes with the claims on a card: another partner, a direct seller, or nobody yet. */
export const conflictPartySchema = z.object({
  kind: z.enum(['partner', 'direct', 'unowned']),
  /** The partner's or the seller's id; null for records nobody owns. */
  id: z.string().nullable(),
  name: z.string(),
});

/**
 * One competing party and what it holds against the claims on the card: one block per party,
 * never one per record, and never the record the card is on.
 */
export const conflictGroupSchema = z.object({
  party: conflictPartySchema,
  severity: conflictSeveritySchema,
  /** The party and what it does, in a seller's words: "Direct seller Anna Snelling is already working this customer". */
  title: z.string(),
  kinds: z.array(z.string()),
  records: z.array(conflictRecordSchema),
  /** How many more records the party holds than `records` lists (a busy account has many open deals). */
  moreRecords: z.number().int().nonnegative(),
  /** The claims on the card it competes with. */
  against: z.array(
    z.object({
      registrationId: z.string(),
      partnerName: z.string(),
      status: registrationStatusSchema,
    }),
  ),
  /** What the conflict engine found, each once, for the expandable details. */
  details: z.array(z.string()),
});
export type ConflictGroup = z.infer<typeof conflictGroupSchema>;

/** A record a claim was matched to, once, with the best score and the reasons the matcher gave. */
export const matchEvidenceSchema = z.object({
  label: z.string(),
  type: z.enum(['deal', 'company', 'registration']),
  id: z.string(),
  score: z.number(),
  decision: z.string(),
  reasons: z.array(z.string()),
  url: z.string().nullable(),
});
export type MatchEvidence = z.infer<typeof matchEvidenceSchema>;

/** A rule of engagement that fired for a claim, with the reason it gives. */
export const firedRuleSchema = z.object({ ruleId: z.string(), reason: z.string() });
export type FiredRule = z.infer<typeof firedRuleSchema>;

export const partnerRoleSchema = z.enum(['sourced', 'influenced', 'co_sell', 'fulfilment']);
export type PartnerRole = z.infer<typeof partnerRoleSchema>;
