import type { RegistrationCustomer } from '../domain/index.js';
import { DomainError } from '../errors/index.js';
import {
  closeDateProblem,
  customerDomainProblem,
  customerNameProblem,
  emailProblem,
  phoneProblem,
} from './intakeChecks.js';
import type { IntakeField, Policy } from './policy.js';

export {
  CLOSE_DATE_WINDOW,
  closeDateProblem,
  customerDomainProblem,
  customerNameProblem,
  emailProblem,
  phoneProblem,
} from './intakeChecks.js';

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

/** One refused intake value: the field as the API names it, and why. */
export type InvalidIntakeField = { field: string; message: string };

/**
 * Which of the values a partner sent are implausible (empty when all are fine). Absent fields are
 * not checked (`missingRequiredFields` says which are needed); a field that is sent must make sense.
 * `now` is when the registration is submitted: the expected close date must lie between a year
 * before and ten years after it. Pure: the caller passes the clock.
 */
export const invalidIntakeFields = (values: IntakeValues, now: Date): InvalidIntakeField[] => {
  const invalid: InvalidIntakeField[] = [];
  const check = (
    field: string,
    value: string | null | undefined,
    problemOf: (value: string) => string | null,
  ) => {
    if (value === undefined || value === null) return;
    const problem = problemOf(value);
    if (problem) invalid.push({ field, message: `${field} ${problem}` });
  };
  const { customer } = values;
  check('customer.name', customer.name, customerNameProblem);
  check('customer.domain', customer.domain, customerDomainProblem);
  check('customer.email', customer.email, emailProblem);
  check('customer.phone', customer.phone, phoneProblem);
  check('expectedCloseDate', values.expectedCloseDate, (date) => closeDateProblem(date, now));
  return invalid;
};

/** Throws REGISTRATION.INVALID_FIELDS, naming each implausible field, before anything is looked up. */
export const assertPlausibleIntake = (values: IntakeValues, now: Date): void => {
  const invalid = invalidIntakeFields(values, now);
  if (invalid.length > 0)
    throw new DomainError(
      'REGISTRATION.INVALID_FIELDS',
      `These fields are not plausible: ${invalid.map((i) => i.message).join('; ')}`,
      { details: { invalid } },
    );
};
