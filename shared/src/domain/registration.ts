import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from './money.js';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './ids.js';

export const registrationStatusSchema = z.enum([
  'submitted',
  'in_review',
  'info_requested',
  /** Someone proposed overturning an automatic decision; a second neutral person must confirm. */
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

/**
 * What the partner told us about the customer; only the name or the domain is required. Values are
 * trimmed here; whether they are plausible (a name that is not blank, a registrable domain, an
 * e-mail address, a phone number with digits) is `invalidIntakeFields` in shared/governance.
 */
export const registrationCustomerSchema = z.object({
  name: z
    .string()
    .trim()
    .max(300)
    .optional()
    .meta({ description: 'Not blank; required unless domain is given' }),
  domain: z.string().trim().max(253).optional().meta({
    description:
      'A registrable domain (acme.com, www.acme.co.uk); not an IP address or localhost. Required unless name is given',
  }),
  email: z.string().trim().max(320).optional().meta({ description: 'A plausible address, name@company.com' }),
  phone: z.string().trim().max(64).optional().meta({ description: 'Any style, with at least three digits' }),
  city: z.string().trim().max(200).optional(),
  country: z.string().trim().max(100).optional(),
});
export type RegistrationCustomer = z.infer<typeof registrationCustomerSchema>;

/**
 * A calendar date PostgreSQL can store: YYYY-MM-DD with a real month and day, from 0001-01-01 on
 * (there is no year 0).
 */
export const calendarDateSchema = isoDateSchema.refine((date) => date >= '0001-01-01', {
  message: 'Must be a calendar date from 0001-01-01 on',
});

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
