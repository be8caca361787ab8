import { z } from 'zod';

/**
 * How much a partner's own report of a touch counts before the company confirms it (the CRM logs
 * the same activity, or an internal user records it). `weight` is the share of the credit the model
 * gives the touch that the partner keeps meanwhile; the rest stays with the direct team, which holds
 * a deal's credit until someone earns it. 0 waits for confirmation, 1 trusts every report.
 */
export const partnerReportedPolicySchema = z.object({
  weight: z
    .number()
    .min(0)
    .max(1)
    .refine((value) => Math.abs(value * 10_000 - Math.round(value * 10_000)) < 1e-9, {
      message: 'at most four decimal places, so it converts to basis points exactly',
    })
    .default(0.5),
});
export type PartnerReportedPolicyInput = z.input<typeof partnerReportedPolicySchema>;
export type PartnerReportedPolicy = z.output<typeof partnerReportedPolicySchema>;

/** Half: a report is evidence worth something, but not worth as much as the company's own record. */
export const defaultPartnerReportedPolicy: PartnerReportedPolicy = partnerReportedPolicySchema.parse({});

/** The weight in basis points of the deal's share (0 to 10,000). */
export const partnerReportedWeightBp = (policy: PartnerReportedPolicy): number =>
  Math.round(policy.weight * 10_000);
