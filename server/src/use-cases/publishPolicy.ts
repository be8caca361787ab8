import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '@entente/shared/errors';
import { canManageRoles, parsePolicy } from '@entente/shared/governance';
import type { AppContext } from '../appContext.js';
import { simulatePolicyChange, type PolicySimulation } from './simulatePolicy.js';

/** How long a simulation opens the gate for its exact text. */
export const SIMULATION_VALID_HOURS = 24;
const HOUR_MS = 3_600_000;

const sha256 = (source: string) => createHash('sha256').update(source).digest('hex');

type Deps = Pick<AppContext, 'store' | 'now'>;

/**
 * An admin replays history under a candidate policy, and the server remembers that they did: the
 * record (who, when, the sha256 of the exact text, the headline numbers) is what the publish gate
 * checks. The id it returns is the server's, so no client can mint one.
 */
export const simulatePolicyForPublish = async (
  deps: Deps,
  input: { tenantId: string; userId: string; source: string },
): Promise<{
  simulationId: string;
  simulatedAt: string;
  validUntil: string;
  report: PolicySimulation;
}> => {
  const report = await simulatePolicyChange(deps, { tenantId: input.tenantId, source: input.source });
  const now = deps.now();
  const simulationId = `sim_${randomUUID().replace(/-/g, '')}`;
  await deps.store.inTransaction(input.tenantId, async (tx) => {
    await tx.policies.recordSimulation({
      id: simulationId,
      sourceSha256: sha256(input.source),
      simulatedBy: input.userId,
      simulatedAt: now.toISOString(),
      summary: {
        policyName: report.policyName,
        evaluated: report.evaluated,
        flipped: report.flipped.length,
        protectionChanged: report.protectionChanged.length,
      },
    });
    await tx.governance.appendAudit({
      type: 'policy.simulated',
      actor: input.userId,
      subject: `policy-simulation:${simulationId}`,
      payload: { policyName: report.policyName, evaluated: report.evaluated, flipped: report.flipped.length },
      at: now,
    });
  });
  return {
    simulationId,
    simulatedAt: now.toISOString(),
    validUntil: new Date(now.getTime() + SIMULATION_VALID_HOURS * HOUR_MS).toISOString(),
    report,
  };
};

const gateClosed = (why: string) =>
  new DomainError(
    'POLICY.SIMULATION_REQUIRED',
    `Publishing is gated on a simulation: ${why} Simulate this exact policy text (POST /api/v1/policies/simulations), then publish it within ${SIMULATION_VALID_HOURS} hours.`,
    { details: { gate: 'simulate_before_publish', validHours: SIMULATION_VALID_HOURS } },
  );

/**
 * Publishes the next policy version, but only behind the server's own record of a simulation of
 * that exact text, run in the last 24 hours by the publisher or by another admin. The card and the
 * API both come through here, so neither can publish blind.
 */
export const publishSimulatedPolicy = async (
  deps: Deps,
  input: { tenantId: string; userId: string; source: string; simulationId?: string },
): Promise<{ version: number; publishedAt: string; simulationId: string }> => {
  // An invalid text is refused for what it is (POLICY.INVALID), not for the gate.
  parsePolicy(input.source);
  const scoped = deps.store.forTenant(input.tenantId);
  const now = deps.now();
  const since = new Date(now.getTime() - SIMULATION_VALID_HOURS * HOUR_MS);
  const digest = sha256(input.source);
  const candidates = input.simulationId
    ? [await scoped.policies.simulation(input.simulationId)].filter((s) => s !== undefined)
    : await scoped.policies.simulationsOf(digest, since);
  if (input.simulationId && candidates.length === 0)
    throw gateClosed(`simulation ${input.simulationId} does not exist in this account.`);
  const sameText = candidates.filter((s) => s.sourceSha256 === digest);
  if (sameText.length === 0)
    throw gateClosed(
      input.simulationId
        ? `simulation ${input.simulationId} was of a different text.`
        : 'this exact text was never simulated.',
    );
  const recent = sameText.filter((s) => Date.parse(s.simulatedAt) >= since.getTime());
  if (recent.length === 0)
    throw gateClosed(`the simulation of this text is older than ${SIMULATION_VALID_HOURS} hours.`);
  let accepted = recent.find((s) => s.simulatedBy === input.userId);
  for (const s of recent) {
    if (accepted) break;
    const simulator = await scoped.users.get(s.simulatedBy);
    if (simulator && canManageRoles(simulator)) accepted = s;
  }
  if (!accepted) throw gateClosed('it was simulated, but not by you or by another admin.');
  const simulationId = accepted.id;
  const published = await deps.store.inTransaction(input.tenantId, (tx) =>
    tx.policies.publish({ source: input.source, publishedBy: input.userId, at: now, simulationId }),
  );
  return { version: published.version, publishedAt: published.publishedAt, simulationId };
};
