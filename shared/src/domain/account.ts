import { z } from 'zod';
import { idSchema } from './ids.js';

export const postalAddressSchema = z.object({
  street: z.string().optional(),
  city: z.string().optional(),
  zip: z.string().optional(),
  region: z.string().optional(),
  country: z.string().optional(),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;

/** The end customer, mapped from a CRM company or account. */
export const accountSchema = z.object({
  id: idSchema,
  crmId: z.string().min(1),
  name: z.string().min(1),
  /** Registrable domains the customer is known by (the first is the primary one). */
  domains: z.array(z.string().min(1)),
  phone: z.string().nullable(),
  address: postalAddressSchema.nullable(),
  industry: z.string().nullable(),
  employees: z.number().int().nonnegative().nullable(),
  /** The direct seller who owns the account, if any. */
  ownerId: idSchema.nullable(),
  /** Corporate family: the parent account, when this one is a subsidiary. */
  parentAccountId: idSchema.nullable(),
});
export type Account = z.infer<typeof accountSchema>;
