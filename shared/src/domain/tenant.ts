import { z } from 'zod';
import { crmKindSchema, idSchema } from './ids.js';

/** One installation: a HubSpot portal or a Salesforce org. Every other row belongs to exactly one. */
export const tenantSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  crm: crmKindSchema,
  /** HubSpot portal id or Salesforce org id. */
  externalId: z.string().min(1),
  status: z.enum(['active', 'uninstalled']),
  sandbox: z.boolean(),
});
export type Tenant = z.infer<typeof tenantSchema>;
