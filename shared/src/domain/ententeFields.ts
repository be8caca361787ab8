import { z } from 'zod';

/**
 * The fields Entente owns on CRM deals and companies. The CRM owns everything else (stage, amount,
 * owner, ...): Entente never writes those, and this schema is strict so it cannot be asked to.
 */
export const ententeFieldsSchema = z
  .object({
    partner: z.string().max(500).nullable(),
    partnerRole: z.string().max(200).nullable(),
    registrationStatus: z.string().max(100).nullable(),
    protectionUntil: z.iso.date().nullable(),
    conflictFlag: z.boolean().nullable(),
    attributionSummary: z.string().max(5000).nullable(),
    syncHealth: z.enum(['ok', 'degraded', 'error']).nullable(),
  })
  .partial()
  .strict();
export type EntenteFields = z.infer<typeof ententeFieldsSchema>;
export type EntenteField = keyof EntenteFields;

export const ententeFieldNames: readonly EntenteField[] = [
  'partner',
  'partnerRole',
  'registrationStatus',
  'protectionUntil',
  'conflictFlag',
  'attributionSummary',
  'syncHealth',
];

/** Field values as CRM text (how they travel and how echoes are recognised). */
export const fieldText = (field: EntenteField, value: EntenteFields[EntenteField]): string | null => {
  if (value === null || value === undefined) return null;
  if (field === 'conflictFlag') return value ? 'true' : 'false';
  return String(value);
};
