/** Word lists for generated CRM data. Names are made up; they only need to look like B2B accounts. */

export const companyStems = [
  'Acme', 'Beta', 'Bio', 'Can', 'Cod', 'Con', 'Dal', 'Dan', 'Dom', 'Fun', 'Gold', 'Green', 'Hat', 'Ice',
  'Ion', 'Is', 'Kan', 'Kin', 'Lat', 'Nam', 'Olt', 'Ong', 'Plus', 'Ran', 'Rang', 'Ron', 'Son', 'Stan',
  'Stron', 'Sum', 'Tres', 'Uni', 'Vol', 'Won', 'Zath', 'Zoo', 'Bluth', 'Mori', 'Quant', 'Vertex',
] as const;

export const companyEndings = [
  'tech', 'dom', 'ex', 'city', 'hex', 'line', 'fase', 'lane', 'ware', 'sys', 'nix', 'tron', 'logic',
  'works', 'soft', 'labs', 'core', 'data', 'net', 'ium', 'holding', 'tam', 'zap', 'jaycore',
] as const;

export const companySuffixes = [
  '', '', '', ' Inc.', ' Corp.', ' Group', ' Holdings', ' Ltd', ' GmbH', ' Systems', ' International',
] as const;

export const topLevelDomains = ['com', 'com', 'com', 'io', 'net', 'co', 'de', 'co.uk'] as const;

export const sectors = [
  { hubspot: 'COMPUTER_SOFTWARE', salesforce: 'Technology' },
  { hubspot: 'COMPUTER_HARDWARE', salesforce: 'Technology' },
  { hubspot: 'MEDICAL_DEVICES', salesforce: 'Healthcare' },
  { hubspot: 'TELECOMMUNICATIONS', salesforce: 'Telecommunications' },
  { hubspot: 'FINANCIAL_SERVICES', salesforce: 'Finance' },
  { hubspot: 'RETAIL', salesforce: 'Retail' },
  { hubspot: 'ENTERTAINMENT', salesforce: 'Entertainment' },
  { hubspot: 'MARKETING_AND_ADVERTISING', salesforce: 'Media' },
  { hubspot: 'EMPLOYMENT', salesforce: 'Consulting' },
] as const;

export const countries = [
  'United States', 'United States', 'United States', 'United States', 'Canada', 'United Kingdom',
  'Germany', 'France', 'Netherlands', 'Japan', 'Brazil', 'Australia',
] as const;

export const cities = ['Boston', 'Austin', 'Denver', 'Chicago', 'Seattle', 'Atlanta', 'Toronto', 'London', 'Berlin'] as const;

export const firstNames = [
  'Anna', 'Boris', 'Cecily', 'Darcel', 'Elease', 'Garret', 'Hayden', 'James', 'Jonathan', 'Kami', 'Lajuana',
  'Maureen', 'Moses', 'Niesha', 'Reed', 'Rosalina', 'Rosie', 'Violet', 'Vicki', 'Wilburn', 'Zane', 'Priya',
  'Mateo', 'Aiko', 'Femi', 'Lena', 'Omar', 'Sofia', 'Tomas', 'Yara',
] as const;

export const lastNames = [
  'Snelling', 'Faes', 'Lampkin', 'Schlecht', 'Hillebrand', 'Wiedman', 'Zumwalt', 'Cassity', 'Frase',
  'Carrera', 'Vencill', 'Ohlson', 'Swanger', 'Holder', 'Mattern', 'Dickerson', 'Brinkmann', 'Moss',
  'Nakamura', 'Okafor', 'Schmidt', 'Haddad', 'Costa', 'Novak', 'Ibarra', 'Rao', 'Lindqvist', 'Dubois',
] as const;

export const jobTitles = [
  'VP Sales', 'Head of IT', 'Procurement Manager', 'CTO', 'Director of Operations', 'IT Manager',
  'CFO', 'Purchasing Lead', 'Solutions Architect', 'Channel Manager',
] as const;

/** B2B hardware and software lines with list prices, priced like the sample pipeline's products. */
export const products = [
  { name: 'GTX Basic', unitPrice: 550 },
  { name: 'GTX Pro', unitPrice: 4821 },
  { name: 'GTX Plus Basic', unitPrice: 1096 },
  { name: 'GTX Plus Pro', unitPrice: 5482 },
  { name: 'MG Special', unitPrice: 55 },
  { name: 'MG Advanced', unitPrice: 3393 },
  { name: 'GTK 500', unitPrice: 26_768 },
  { name: 'Cloud Suite (annual)', unitPrice: 18_000 },
  { name: 'Support Plus (annual)', unitPrice: 4_200 },
] as const;

export const regions = ['Central', 'East', 'West'] as const;
