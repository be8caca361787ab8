import type { EntenteField } from '@entente/shared/domain';

export const ENTENTE_GROUP = { name: 'entente', label: 'Entente', displayOrder: -1 } as const;

type PropertyDefinition = {
  name: string;
  label: string;
  type: 'string' | 'date' | 'enumeration';
  fieldType: 'text' | 'textarea' | 'date' | 'booleancheckbox' | 'select';
  description: string;
  options?: { label: string; value: string; displayOrder: number; hidden: boolean }[];
};

const option = (value: string, displayOrder: number) => ({
  label: value,
  value,
  displayOrder,
  hidden: false,
});

/** The HubSpot property behind each Entente-owned field, created on deals and companies. */
export const ENTENTE_PROPERTIES: Record<EntenteField, PropertyDefinition> = {
  partner: {
    name: 'entente_partner',
    label: 'Partner',
    type: 'string',
    fieldType: 'text',
    description: 'The partner(s) on this record, as Entente sees them.',
  },
  partnerRole: {
    name: 'entente_partner_role',
    label: 'Partner role',
    type: 'string',
    fieldType: 'text',
    description: 'What the partner does here: sourced, influenced, resale, services.',
  },
  registrationStatus: {
    name: 'entente_registration_status',
    label: 'Registration status',
    type: 'string',
    fieldType: 'text',
    description: "Status of the partner's deal registration.",
  },
  protectionUntil: {
    name: 'entente_protection_until',
    label: 'Protection until',
    type: 'date',
    fieldType: 'date',
    description: "Last day of the registration's protection.",
  },
  conflictFlag: {
    name: 'entente_conflict_flag',
    label: 'Partner conflict',
    type: 'enumeration',
    fieldType: 'booleancheckbox',
    description: 'Set when partners claim the same customer.',
    options: [option('true', 0), option('false', 1)],
  },
  attributionSummary: {
    name: 'entente_attribution_summary',
    label: 'Attribution summary',
    type: 'string',
    fieldType: 'textarea',
    description: 'Who gets credit, and why.',
  },
  syncHealth: {
    name: 'entente_sync_health',
    label: 'Entente sync health',
    type: 'enumeration',
    fieldType: 'select',
    description: 'Whether Entente is in sync with this record.',
    options: [option('ok', 0), option('degraded', 1), option('error', 2)],
  },
};

export const ententePropertyNames = new Set(Object.values(ENTENTE_PROPERTIES).map((p) => p.name));

/** Registrations get their own object where the portal allows custom objects (Enterprise). */
export const REGISTRATION_SCHEMA = {
  name: 'entente_registration',
  labels: { singular: 'Partner registration', plural: 'Partner registrations' },
  primaryDisplayProperty: 'entente_registration_id',
  requiredProperties: ['entente_registration_id'],
  searchableProperties: ['entente_registration_id', 'entente_partner'],
  secondaryDisplayProperties: ['entente_partner'],
  associatedObjects: ['COMPANY', 'DEAL'],
  properties: [
    {
      name: 'entente_registration_id',
      label: 'Registration id',
      type: 'string',
      fieldType: 'text',
      hasUniqueValue: true,
    },
    { name: 'entente_partner', label: 'Partner', type: 'string', fieldType: 'text' },
    { name: 'entente_registration_status', label: 'Status', type: 'string', fieldType: 'text' },
    { name: 'entente_protection_until', label: 'Protection until', type: 'date', fieldType: 'date' },
  ],
};
