import { z } from 'zod';
import { idSchema } from './ids.js';

export const partnerMotionSchema = z.enum(['referral', 'resale', 'services', 'technology', 'influence']);
export type PartnerMotion = z.infer<typeof partnerMotionSchema>;

export const partnerCapabilitiesSchema = z.object({
  certifications: z.array(z.string()),
  specialisations: z.array(z.string()),
  regions: z.array(z.string()),
  industries: z.array(z.string()),
});
export type PartnerCapabilities = z.infer<typeof partnerCapabilitiesSchema>;

/** An organisation in the partner program. */
export const partnerSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  domain: z.string().nullable(),
  tier: z.string().min(1),
  motions: z.array(partnerMotionSchema).min(1),
  capabilities: partnerCapabilitiesSchema,
  /** The internal partner manager who looks after this partner (a stake holder in its claims). */
  managerUserId: idSchema.nullable(),
  active: z.boolean(),
});
export type Partner = z.infer<typeof partnerSchema>;
