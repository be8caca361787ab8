import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from './money.js';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './ids.js';

/** Every CRM pipeline stage falls in one of these; engines reason about the category, not the label. */
export const dealStageCategorySchema = z.enum(['open', 'won', 'lost']);
export type DealStageCategory = z.infer<typeof dealStageCategorySchema>;

/** Who is credited or compensated on a deal (CRM deal splits, opportunity splits or team roles). */
export const dealSplitSchema = z.object({
  userId: idSchema,
  role: z.string().min(1),
  percent: z.number().min(0).max(100),
});
export type DealSplit = z.infer<typeof dealSplitSchema>;

export const dealSchema = z.object({
  id: idSchema,
  crmId: z.string().min(1),
  name: z.string().min(1),
  accountId: idSchema.nullable(),
  stage: z.string().min(1),
  stageCategory: dealStageCategorySchema,
  amountMinor: minorUnitsSchema.nonnegative(),
  currency: currencySchema,
  closeDate: isoDateSchema.nullable(),
  /** The direct seller who owns the deal. */
  ownerId: idSchema.nullable(),
  splits: z.array(dealSplitSchema),
  createdAt: isoDateTimeSchema,
});
export type Deal = z.infer<typeof dealSchema>;
