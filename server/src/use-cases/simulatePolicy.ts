import type { Registration } from '@entente/shared/domain';
import {
  evaluatePolicy,
  parsePolicy,
  type DecisionOutcome,
  type FiredRule,
} from '@entente/shared/governance';
import { gatherFacts } from './governance/gatherFacts.js';
import type { GovernanceDeps } from './registerDeal.js';

export type PolicySimulation = {
  policyName: string;
  evaluated: number;
  flipped: {
    registrationId: string;
    partnerId: string;
    from: DecisionOutcome;
    to: DecisionOutcome;
    firedRules: FiredRule[];
  }[];
  protectionChanged: { registrationId: string; partnerId: string; fromDays: number; toDays: number }[];
  partners: { partnerId: string; approvalsGained: number; approvalsLost: number; reviewsAdded: number }[];
};

const APPROVED = new Set(['approved', 'extended', 'won', 'lost', 'expired']);

/** What actually happened to a registration, for those decided before governance recorded it. */
const outcomeOfStatus = (status: Registration['status']): DecisionOutcome =>
  APPROVED.has(status) ? 'approve' : status === 'rejected' ? 'reject' : 'review';

/**
 * Replays past registrations under a candidate policy and reports what would change against the
 * recorded decision (or, for registrations older than governance, the policy in force). Each is judged
 * at its submission time, on the conflicts recorded when it was decided (recomputed for those
 * decided before governance kept them). Nothing is written: decisions never change retroactively.
 */
export const simulatePolicyChange = async (
  deps: GovernanceDeps,
  input: { tenantId: string; source: string; since?: Date },
): Promise<PolicySimulation> => {
  const policy = parsePolicy(input.source);
  const scoped = deps.store.forTenant(input.tenantId);
  const current = await scoped.policies.latest();
  const result: PolicySimulation = {
    policyName: policy.name,
    evaluated: 0,
    flipped: [],
    protectionChanged: [],
    partners: [],
  };
  const partners = new Map<string, PolicySimulation['partners'][number]>();
  const tally = (partnerId: string) => {
    let entry = partners.get(partnerId);
    if (!entry)
      partners.set(partnerId, (entry = { partnerId, approvalsGained: 0, approvalsLost: 0, reviewsAdded: 0 }));
    return entry;
  };
  for (let after = ''; ;) {
    const page = await scoped.registrations.list({ after, limit: 500 });
    if (page.length === 0) break;
    after = page.at(-1)!.id;
    for (const registration of page) {
      if (registration.status === 'withdrawn') continue;
      if (input.since && Date.parse(registration.submittedAt) < input.since.getTime()) continue;
      const state = await scoped.governance.get(registration.id);
      const at = new Date(registration.submittedAt);
      const facts = await gatherFacts(deps.store, scoped, registration, at);
      // Claims made after this one could not have collided with it at the time.
      const conflicts =
        state?.conflicts ??
        facts.conflicts.filter((c) =>
          c.competing.every(
            (record) =>
              record.type !== 'registration' ||
              record.id < registration.id ||
              facts.policyFacts.competingClaims.some(
                (claim) =>
                  claim.registrationId === record.id && claim.submittedAt <= registration.submittedAt,
              ),
          ),
        );
      const candidate = evaluatePolicy(policy, 0, { ...facts.policyFacts, conflicts });
      // Registrations decided before governance recorded a decision are compared with the policy in
      // force, so the report shows what the change does, not how history differed from any policy.
      const from =
        state?.outcome ??
        (current
          ? evaluatePolicy(current.policy, current.version, { ...facts.policyFacts, conflicts }).outcome
          : outcomeOfStatus(registration.status));
      result.evaluated++;
      if (candidate.outcome !== from) {
        result.flipped.push({
          registrationId: registration.id,
          partnerId: registration.partnerId,
          from,
          to: candidate.outcome,
          firedRules: candidate.firedRules,
        });
        const t = tally(registration.partnerId);
        if (from === 'approve') t.approvalsLost++;
        if (candidate.outcome === 'approve') t.approvalsGained++;
        if (candidate.outcome === 'review') t.reviewsAdded++;
      } else if (from === 'approve') {
        const fromDays = state?.protectionDays ?? policy.defaults.protectionDays;
        if (fromDays !== candidate.protectionDays)
          result.protectionChanged.push({
            registrationId: registration.id,
            partnerId: registration.partnerId,
            fromDays,
            toDays: candidate.protectionDays,
          });
      }
    }
  }
  result.partners = [...partners.values()].sort((a, b) => a.partnerId.localeCompare(b.partnerId));
  return result;
};

/** The report as text: the headline, then each flipped decision, window change and partner tally. */
export const formatPolicySimulation = (r: PolicySimulation): string =>
  [
    `Policy "${r.policyName}": ${r.evaluated} registrations replayed, ${r.flipped.length} decisions would change, ` +
      `${r.protectionChanged.length} protection windows would change.`,
    ...r.flipped.map(
      (f) =>
        `  ${f.registrationId} (${f.partnerId}): ${f.from} -> ${f.to} [${f.firedRules.map((x) => x.ruleId).join(', ') || 'default'}]`,
    ),
    ...r.protectionChanged.map(
      (p) => `  ${p.registrationId} (${p.partnerId}): protection ${p.fromDays} -> ${p.toDays} days`,
    ),
    ...r.partners.map(
      (p) =>
        `  partner ${p.partnerId}: +${p.approvalsGained} / -${p.approvalsLost} approvals, +${p.reviewsAdded} reviews`,
    ),
    '',
  ].join('\n');
