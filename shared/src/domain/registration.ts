import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from './money.js';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './ids.js';

export const registrationStatusSchema = z.enum([
  'submitted',
  'in_review',
  'info_requested',
  'approved',
  'extended',
  'rejected',
  'expired',
  'withdrawn',
  'won',
  'lost',
]);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

/** What the partner told us about the customer; only the name or the domain is required. */
export const registrationCustomerSchema = z.object({
  name: z.string().min(1).max(300).optional(),
  domain: z.string().min(1).max(253).optional(),
  email: z.string().max(320).optional(),
  phone: z.string().max(64).optional(),
  city: z.string().max(200).optional(),
  country: z.string().max(100).optional(),
});
export type RegistrationCustomer = z.infer<typeof registrationCustomerSchema>;

/** A partner's claim to an opportunity. */
export const registrationSchema = z.object({
  id: idSchema,
  partnerId: idSchema,
  customer: registrationCustomerSchema,
  /** The account and deal the claim was matched to, when known. */
  accountId: idSchema.nullable(),
  dealId: idSchema.nullable(),
  status: registrationStatusSchema,
  amountMinor: minorUnitsSchema.nonnegative().nullable(),
  currency: currencySchema.nullable(),
  expectedCloseDate: isoDateSchema.nullable(),
  notes: z.string().max(4000).nullable(),
  submittedAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.nullable(),
  protectedUntil: isoDateTimeSchema.nullable(),
});
export type Registration = z.infer<typeof registrationSchema>;
