import { z } from 'zod';
import { ententeFieldNames, type EntenteField } from './ententeFields.js';

/** The CRM records Entente follows, in the words every adapter maps its vendor's objects to. */
export const syncedObjectKindSchema = z.enum(['deals', 'companies', 'contacts']);
export type SyncedObjectKind = z.infer<typeof syncedObjectKindSchema>;

export const changeKindSchema = z.enum(['created', 'updated', 'deleted', 'restored', 'merged', 'associated']);
export type ChangeKind = z.infer<typeof changeKindSchema>;

/**
 * One change to one CRM record, as an adapter reports it (a webhook event, a change-data-capture
 * message). The sync core orders these per record, drops duplicates by `eventId` and echoes of
 * Entente's own writes, and re-reads the record rather than trusting a partial payload.
 */
export const changeRecordSchema = z.object({
  /** Unique per CRM account: the same change delivered twice has the same id. */
  eventId: z.string().min(1).max(200),
  objectKind: syncedObjectKindSchema,
  /** The record's id in the CRM; for a merge, the surviving record. */
  objectId: z.string().min(1).max(100),
  /** When the change happened in the CRM (epoch ms): order comes from this, not from arrival. */
  occurredAt: z.number().int().nonnegative(),
  change: changeKindSchema,
  /** The vendor says Entente's own integration made this change (the adapter's echo rule). */
  madeByEntente: z.boolean(),
  /** For a change to one field Entente owns: which one, and its new value as CRM text. */
  ententeField: z.enum(ententeFieldNames as [EntenteField, ...EntenteField[]]).nullable(),
  value: z.string().nullable(),
  /** For a merge: the records merged away into `objectId`. */
  mergedIds: z.array(z.string().min(1)),
});
export type ChangeRecord = z.infer<typeof changeRecordSchema>;
