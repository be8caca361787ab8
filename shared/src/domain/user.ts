import { z } from 'zod';
import { idSchema } from './ids.js';

export const userRoleSchema = z.enum(['seller', 'sales_manager', 'partner_manager', 'deal_desk', 'admin']);
export type UserRole = z.infer<typeof userRoleSchema>;

/** An internal user of the CRM (a direct seller, a partner manager, the deal desk, an admin). */
export const userSchema = z.object({
  id: idSchema,
  crmUserId: z.string().min(1),
  email: z.email(),
  name: z.string().min(1),
  roles: z.array(userRoleSchema).min(1),
  managerId: idSchema.nullable(),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;
