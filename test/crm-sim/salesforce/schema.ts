export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'currency'
  | 'double'
  | 'int'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'email'
  | 'url'
  | 'phone';

export type FieldDef = {
  name: string;
  type: FieldType;
  label: string;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  externalId?: boolean;
  referenceTo?: string[];
  relationshipName?: string;
  picklistValues?: string[];
};

export type SObjectDef = {
  name: string;
  label: string;
  keyPrefix: string;
  custom: boolean;
  fields: Map<string, FieldDef>;
  required: string[];
};

const field = (name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  type,
  label: name.replace(/__c$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
  createable: true,
  updateable: true,
  nillable: true,
  ...extra,
});

const system = (): FieldDef[] => [
  field('Id', 'id', { createable: false, updateable: false, nillable: false }),
  field('IsDeleted', 'boolean', { createable: false, updateable: false, nillable: false }),
  field('CreatedDate', 'datetime', { createable: false, updateable: false, nillable: false }),
  field('CreatedById', 'reference', {
    createable: false,
    updateable: false,
    referenceTo: ['User'],
    relationshipName: 'CreatedBy',
  }),
  field('LastModifiedDate', 'datetime', { createable: false, updateable: false, nillable: false }),
  field('LastModifiedById', 'reference', {
    createable: false,
    updateable: false,
    referenceTo: ['User'],
    relationshipName: 'LastModifiedBy',
  }),
  field('SystemModstamp', 'datetime', { createable: false, updateable: false, nillable: false }),
];

export const OPPORTUNITY_STAGES = [
  { name: 'Prospecting', probability: 10, closed: false, won: false },
  { name: 'Qualification', probability: 20, closed: false, won: false },
  { name: 'Needs Analysis', probability: 20, closed: false, won: false },
  { name: 'Proposal/Price Quote', probability: 75, closed: false, won: false },
  { name: 'Negotiation/Review', probability: 90, closed: false, won: false },
  { name: 'Closed Won', probability: 100, closed: true, won: true },
  { name: 'Closed Lost', probability: 0, closed: true, won: false },
] as const;

const objectDef = (
  name: string,
  keyPrefix: string,
  fields: FieldDef[],
  required: string[],
  custom = false,
): SObjectDef => ({
  name,
  label: name,
  keyPrefix,
  custom,
  fields: new Map([...system(), ...fields].map((f) => [f.name, f])),
  required,
});

/** The standard objects Entente reads and writes, with the fields it uses. */
export const standardObjects = (): SObjectDef[] => [
  objectDef(
    'User',
    '005',
    [
      field('Username', 'string'),
      field('FirstName', 'string'),
      field('LastName', 'string'),
      field('Name', 'string', { createable: false, updateable: false }),
      field('Email', 'email'),
      field('IsActive', 'boolean'),
      field('Department', 'string'),
    ],
    ['LastName', 'Username', 'Email'],
  ),
  objectDef(
    'Account',
    '001',
    [
      field('Name', 'string', { nillable: false }),
      field('Website', 'url'),
      field('Industry', 'picklist'),
      field('BillingCity', 'string'),
      field('BillingCountry', 'string'),
      field('NumberOfEmployees', 'int'),
      field('AnnualRevenue', 'currency'),
      field('Phone', 'phone'),
      field('ParentId', 'reference', { referenceTo: ['Account'], relationshipName: 'Parent' }),
      field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }),
    ],
    ['Name'],
  ),
  objectDef(
    'Contact',
    '003',
    [
      field('FirstName', 'string'),
      field('LastName', 'string', { nillable: false }),
      field('Name', 'string', { createable: false, updateable: false }),
      field('Email', 'email'),
      field('Title', 'string'),
      field('Phone', 'phone'),
      field('AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
      field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }),
    ],
    ['LastName'],
  ),
  objectDef(
    'Opportunity',
    '006',
    [
      field('Name', 'string', { nillable: false }),
      field('Amount', 'currency'),
      field('StageName', 'picklist', {
        nillable: false,
        picklistValues: OPPORTUNITY_STAGES.map((s) => s.name),
      }),
      field('CloseDate', 'date', { nillable: false }),
      field('Probability', 'percent'),
      field('Type', 'picklist', { picklistValues: ['New Customer', 'Existing Customer - Upgrade'] }),
      field('LeadSource', 'picklist'),
      field('Description', 'textarea'),
      field('IsClosed', 'boolean', { createable: false, updateable: false }),
      field('IsWon', 'boolean', { createable: false, updateable: false }),
      field('AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
      field('ContactId', 'reference', { referenceTo: ['Contact'], relationshipName: 'Contact' }),
      field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }),
    ],
    ['Name', 'StageName', 'CloseDate'],
  ),
];

export const customField = (name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef =>
  field(name, type, extra);

export const customObject = (
  name: string,
  keyPrefix: string,
  fields: FieldDef[],
  required: string[] = [],
): SObjectDef =>
  objectDef(
    name,
    keyPrefix,
    [
      field('Name', 'string'),
      field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }),
      ...fields,
    ],
    required,
    true,
  );
