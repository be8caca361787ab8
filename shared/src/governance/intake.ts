import type { RegistrationCustomer } from '../domain/index.js';
import type { IntakeField, Policy } from './policy.js';

/** The fields a partner sends when registering; only the customer's name or domain is always needed. */
export type IntakeValues = {
  customer: RegistrationCustomer;
  amountMinor?: number | null;
  expectedCloseDate?: string | null;
  notes?: string | null;
};

/** The required fields: the customer (name or domain) plus what the policy truly needs. */
export const requiredIntakeFields = (policy: Policy): string[] => [
  'customer.name|customer.domain',
  ...policy.intake.required,
];

const valueOf = (values: IntakeValues, field: IntakeField): unknown => {
  if (field.startsWith('customer.'))
    return values.customer[field.slice('customer.'.length) as keyof RegistrationCustomer];
  return values[field as 'amountMinor' | 'expectedCloseDate' | 'notes'];
};

/** Which required fields are missing (empty when the registration can be taken). */
export const missingRequiredFields = (policy: Policy, values: IntakeValues): string[] => {
  const missing: string[] = [];
  if (!values.customer.name && !values.customer.domain) missing.push('customer.name|customer.domain');
  for (const field of policy.intake.required) {
    const value = valueOf(values, field);
    if (value === undefined || value === null || value === '') missing.push(field);
  }
  return missing;
};
