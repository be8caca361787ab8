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

export const recordLinkSchema = z.object({
  type: z.enum(['deal', 'company', 'registration']),
  id: z.string(),
  label: z.string(),
  /** The HubSpot record page, when the record lives in HubSpot. */
  url: z.string().nullable(),
});
export type RecordLink = z.infer<typeof recordLinkSchema>;

export const conflictSeveritySchema = z.enum(['info', 'warning', 'blocking']);

/** One detected overlap, in words a seller reads, with the evidence and the competing records. */
export const conflictSchema = z.object({
  kind: z.string(),
  severity: conflictSeveritySchema,
  title: z.string(),
  summary: z.string(),
  registrationId: z.string(),
  partnerName: z.string(),
  evidence: z.array(z.string()),
  competing: z.array(recordLinkSchema),
});
export type Conflict = z.infer<typeof conflictSchema>;

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

export const partnerRoleSchema = z.enum(['sourced', 'influenced', 'co_sell', 'fulfilment']);
export type PartnerRole = z.infer<typeof partnerRoleSchema>;
