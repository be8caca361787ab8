import { parse as parseYaml } from 'yaml';
import { DomainError, issueDetails } from '../errors/index.js';
import { policySchema, type Policy } from './policy.js';

/** Reads a policy from YAML or JSON text and validates it; 422 POLICY.INVALID lists each problem. */
export const parsePolicy = (source: string): Policy => {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    throw new DomainError(
      'POLICY.INVALID',
      `The policy is not valid YAML or JSON: ${(error as Error).message}`,
    );
  }
  const result = policySchema.safeParse(raw);
  if (!result.success)
    throw new DomainError('POLICY.INVALID', 'The policy does not follow the policy schema', {
      details: issueDetails(result.error.issues),
    });
  return result.data;
};
