import { z } from 'zod';

/** Entity ids are opaque strings. The CRM's own id is kept apart, as `crmId`, on each mapped entity. */
export const idSchema = z.string().min(1).max(128);
export type Id = z.infer<typeof idSchema>;

export const crmKindSchema = z.enum(['hubspot', 'salesforce', 'sandbox']);
export type CrmKind = z.infer<typeof crmKindSchema>;

/** Year 0000 is valid ISO 8601 but no date PostgreSQL stores: refused where values come in. */
const fromYearOne = (value: string) => !value.startsWith('0000');
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine(fromYearOne, { message: 'Must be from the year 0001 on' });
export const isoDateSchema = z.iso.date().refine(fromYearOne, { message: 'Must be from the year 0001 on' });
