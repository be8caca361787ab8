import { z } from 'zod';
import { idSchema } from './ids.js';

/** A person at a customer, mapped from a CRM contact. */
export const contactSchema = z.object({
  id: idSchema,
  crmId: z.string().min(1),
  email: z.string().max(320).nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  phone: z.string().nullable(),
  /** The contact's primary company, when known. */
  accountId: idSchema.nullable(),
  ownerId: idSchema.nullable(),
});
export type Contact = z.infer<typeof contactSchema>;
