import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_YAML, parsePolicy } from '@entente/shared/governance';

// The policies the docs hand to admins must stay valid as the policy schema evolves.
describe('shipped policies', () => {
  it('When the default policy is parsed, then every rule has a distinct id and reason', () => {
    const policy = parsePolicy(DEFAULT_POLICY_YAML);
    const ids = policy.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    const reasons = policy.rules.map((rule) => rule.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('When the documented stricter example is parsed, then it is the default plus rule X-1', () => {
    const example = parsePolicy(
      readFileSync(join(__dirname, '../../docs/examples/stricter-policy.yaml'), 'utf8'),
    );
    const base = parsePolicy(DEFAULT_POLICY_YAML);
    expect(example.rules.map((rule) => rule.id)).toEqual(
      [...base.rules.map((rule) => rule.id)].flatMap((id) => (id === 'P-1' ? ['X-1', id] : [id])),
    );
  });
});
