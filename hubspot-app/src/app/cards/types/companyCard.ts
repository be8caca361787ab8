import { z } from 'zod';
import {
  conflictGroupSchema,
  moneySchema,
  partnerRoleSchema,
  registrationStatusSchema,
  viewerSchema,
} from './common';

/** GET /hubspot/cards/companies/{companyId} */
export const companyCardPayloadSchema = z.object({
  generatedAt: z.string(),
  company: z.object({ id: z.string(), crmId: z.string(), name: z.string(), domain: z.string().nullable() }),
  viewer: viewerSchema,
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      tier: z.string(),
      /**
       * Why the partner holds its tier: each requirement met and what the next tier still needs.
       * Null when the tier was set by hand; absent from services that do not assess tiers.
       */
      tierAssessment: z
        .object({
          tierId: z.string(),
          tierName: z.string(),
          reasons: z.array(z.string()),
          next: z.object({ tierName: z.string(), missing: z.array(z.string()) }).nullable(),
          assessedAt: z.string(),
        })
        .nullable()
        .optional(),
      activeRegistrations: z.number().int(),
      roles: z.array(partnerRoleSchema),
    }),
  ),
  registrations: z.array(
    z.object({
      id: z.string(),
      partnerName: z.string(),
      status: registrationStatusSchema,
      submittedAt: z.string(),
      decidedAt: z.string().nullable(),
      dealName: z.string().nullable(),
    }),
  ),
  /** One block per competing party across the live claims; never the company itself. */
  conflicts: z.array(conflictGroupSchema),
  pipeline: z.object({
    openDeals: z.number().int(),
    total: moneySchema,
    byPartner: z.array(
      z.object({ partnerId: z.string(), name: z.string(), attributed: moneySchema, deals: z.number().int() }),
    ),
    /** Set when some deals were left out (too many, or attribution failed), in words. */
    note: z.string().nullable(),
  }),
});
export type CompanyCardPayload = z.infer<typeof companyCardPayloadSchema>;
