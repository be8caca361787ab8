import { z } from 'zod';

/** Entity ids are opaque strings. The CRM's own id is kept apart, as `crmId`, on each mapped entity. */
export const idSchema = z.string().min(1).max(128);
export type Id = z.infer<typeof idSchema>;

export const crmKindSchema = z.enum(['hubspot', 'salesforce', 'sandbox']);
export type CrmKind = z.infer<typeof crmKindSchema>;

export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export const isoDateSchema = z.iso.date();
