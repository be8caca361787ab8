/** Property definitions as the properties API returns them. */
export type PropertyOption = {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
};

export type PropertyDef = {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined: boolean;
  /** Values HubSpot computes; writes to them are rejected. */
  readOnlyValue?: boolean;
  calculated: boolean;
  externalOptions: boolean;
  archived: boolean;
  archivedAt?: string;
  createdAt: string;
  updatedAt: string;
  referencedObjectType?: string;
  showCurrencySymbol?: boolean;
};

export type GroupDef = { name: string; label: string; displayOrder: number; archived: boolean };

const CREATED = '2019-08-06T02:43:01.000Z';

const option = (value: string, label: string, displayOrder: number): PropertyOption => ({
  label,
  value,
  displayOrder,
  hidden: false,
});

type Shorthand = Partial<PropertyDef> & Pick<PropertyDef, 'name' | 'label' | 'type'>;

const fieldTypeFor = (type: PropertyDef['type']): string =>
  ({
    string: 'text',
    number: 'number',
    date: 'date',
    datetime: 'date',
    enumeration: 'select',
    bool: 'booleancheckbox',
    phone_number: 'phonenumber',
  })[type];

export const propertyDef = (p: Shorthand, groupName: string, hubspotDefined = true): PropertyDef => ({
  fieldType: fieldTypeFor(p.type),
  groupName,
  description: '',
  options: [],
  displayOrder: -1,
  hasUniqueValue: false,
  hidden: false,
  formField: false,
  hubspotDefined,
  calculated: false,
  externalOptions: false,
  archived: false,
  createdAt: CREATED,
  updatedAt: CREATED,
  ...p,
});

export const DEAL_STAGES = [
  { value: 'appointmentscheduled', label: 'Appointment Scheduled', probability: 0.2 },
  { value: 'qualifiedtobuy', label: 'Qualified To Buy', probability: 0.4 },
  { value: 'presentationscheduled', label: 'Presentation Scheduled', probability: 0.6 },
  { value: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: 0.8 },
  { value: 'contractsent', label: 'Contract Sent', probability: 0.9 },
  { value: 'closedwon', label: 'Closed Won', probability: 1 },
  { value: 'closedlost', label: 'Closed Lost', probability: 0 },
] as const;

const common = (modified: string): Shorthand[] => [
  { name: 'createdate', label: 'Create Date', type: 'datetime' },
  { name: modified, label: 'Last Modified Date', type: 'datetime', readOnlyValue: true },
  { name: 'hs_object_id', label: 'Record ID', type: 'number', readOnlyValue: true },
  {
    name: 'hubspot_owner_id',
    label: 'Owner',
    type: 'enumeration',
    referencedObjectType: 'OWNER',
    externalOptions: true,
  },
];

/** The currencies the simulated portal has turned on (HubSpot lists the account's own). */
const currencies = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'NZD', 'SGD'];

const industries = [
  'COMPUTER_SOFTWARE',
  'COMPUTER_HARDWARE',
  'MEDICAL_DEVICES',
  'TELECOMMUNICATIONS',
  'FINANCIAL_SERVICES',
  'RETAIL',
  'ENTERTAINMENT',
  'MARKETING_AND_ADVERTISING',
  'EMPLOYMENT',
];

const standard: Record<string, { group: string; props: Shorthand[] }> = {
  '0-1': {
    group: 'contactinformation',
    props: [
      ...common('lastmodifieddate'),
      { name: 'firstname', label: 'First Name', type: 'string' },
      { name: 'lastname', label: 'Last Name', type: 'string' },
      { name: 'email', label: 'Email', type: 'string', hasUniqueValue: true },
      { name: 'jobtitle', label: 'Job Title', type: 'string' },
      // HubSpot's phone properties are text with a phone-number field type, not `phone_number`.
      { name: 'phone', label: 'Phone Number', type: 'string', fieldType: 'phonenumber' },
      { name: 'company', label: 'Company Name', type: 'string' },
    ],
  },
  '0-2': {
    group: 'companyinformation',
    props: [
      ...common('hs_lastmodifieddate'),
      { name: 'name', label: 'Company name', type: 'string' },
      { name: 'domain', label: 'Company Domain Name', type: 'string', hasUniqueValue: false },
      { name: 'website', label: 'Website URL', type: 'string' },
      { name: 'phone', label: 'Phone Number', type: 'string', fieldType: 'phonenumber' },
      { name: 'address', label: 'Street Address', type: 'string' },
      { name: 'city', label: 'City', type: 'string' },
      { name: 'state', label: 'State/Region', type: 'string' },
      { name: 'zip', label: 'Postal Code', type: 'string' },
      { name: 'country', label: 'Country/Region', type: 'string' },
      { name: 'hs_parent_company_id', label: 'Parent Company', type: 'number' },
      { name: 'numberofemployees', label: 'Number of Employees', type: 'number' },
      { name: 'annualrevenue', label: 'Annual Revenue', type: 'number', showCurrencySymbol: true },
      {
        name: 'industry',
        label: 'Industry',
        type: 'enumeration',
        options: industries.map((v, i) =>
          option(v, v.charAt(0) + v.slice(1).toLowerCase().replaceAll('_', ' '), i),
        ),
      },
    ],
  },
  '0-3': {
    group: 'dealinformation',
    props: [
      ...common('hs_lastmodifieddate'),
      { name: 'dealname', label: 'Deal Name', type: 'string' },
      { name: 'amount', label: 'Amount', type: 'number', showCurrencySymbol: true },
      {
        // A picklist of the portal's currencies in HubSpot.
        name: 'deal_currency_code',
        label: 'Currency',
        type: 'enumeration',
        options: currencies.map((code, i) => option(code, code, i)),
      },
      { name: 'closedate', label: 'Close Date', type: 'datetime' },
      {
        name: 'pipeline',
        label: 'Pipeline',
        type: 'enumeration',
        options: [option('default', 'Sales Pipeline', 0)],
      },
      {
        name: 'dealstage',
        label: 'Deal Stage',
        type: 'enumeration',
        options: DEAL_STAGES.map((s, i) => option(s.value, s.label, i)),
      },
      {
        name: 'dealtype',
        label: 'Deal Type',
        type: 'enumeration',
        options: [
          option('newbusiness', 'New Business', 0),
          option('existingbusiness', 'Existing Business', 1),
        ],
      },
      { name: 'description', label: 'Deal Description', type: 'string' },
      { name: 'hs_is_closed', label: 'Is Deal Closed?', type: 'bool', readOnlyValue: true, calculated: true },
      {
        name: 'hs_is_closed_won',
        label: 'Is Closed Won',
        type: 'bool',
        readOnlyValue: true,
        calculated: true,
      },
      {
        name: 'hs_deal_stage_probability',
        label: 'Deal Stage Probability',
        type: 'number',
        readOnlyValue: true,
      },
    ],
  },
};

export const standardProperties = (objectTypeId: string): PropertyDef[] => {
  const entry = standard[objectTypeId];
  if (!entry) return [];
  return entry.props.map((p, i) => propertyDef({ displayOrder: i, ...p }, entry.group));
};

export const standardGroups = (objectTypeId: string): GroupDef[] => {
  const group = standard[objectTypeId]?.group;
  return group
    ? [
        {
          name: group,
          label: `${group.replace('information', '')} information`,
          displayOrder: -1,
          archived: false,
        },
      ]
    : [];
};

/** HubSpot keeps these in step with the deal stage; the simulator does the same on every write. */
export const derivedDealProperties = (stage: string | null | undefined): Record<string, string> => {
  const found = DEAL_STAGES.find((s) => s.value === stage);
  if (!found) return {};
  return {
    hs_is_closed: String(found.value === 'closedwon' || found.value === 'closedlost'),
    hs_is_closed_won: String(found.value === 'closedwon'),
    hs_deal_stage_probability: String(found.probability),
  };
};
