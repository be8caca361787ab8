import type { Registration } from '@entente/shared/domain';
import { PROTECTED_STATUSES, type FiredRule, type Policy } from '@entente/shared/governance';
import type { TenantStore } from '../../store/store.js';
import type { RegistrationFacts } from './gatherFacts.js';
import { decisionTerms, recordDecision } from './recordDecision.js';

const DAY_MS = 86_400_000;

/** What a partner reads about the rule, on its own registration; neither names the other partner. */
const SPLIT_REASON = {
  incumbent:
    "Another partner's claim on this customer was also approved while your protection stood; both claims stand and the credit is shared.",
  newcomer:
    "Another partner's protected claim on this customer stands; both claims stand and the credit is shared.",
};
const noticeReason = (days: number, until: string) =>
  `Another partner's claim on this customer was approved; under the rules your protection ends with ${days} days' notice, on ${until.slice(0, 10)}.`;

const withRule = (rules: readonly FiredRule[], rule: FiredRule): FiredRule[] => [
  ...rules.filter((r) => r.ruleId !== rule.ruleId),
  rule,
];

/**
 * A claim was just approved while other partners' protection on the same customer still stands.
 * The policy, not the code, says what happens to them (`incumbency`): by default both claims stand
 * and share the credit; or the incumbents' windows end after the notice the policy gives. Either
 * way each side's registration cites the rule with its reason, and each incumbent's change is in
 * its decision history and the audit chain. Call in the approving decision's transaction.
 */
export const settleIncumbents = async (
  tx: TenantStore,
  approved: Registration,
  facts: Pick<RegistrationFacts, 'policyFacts'>,
  policy: Policy,
  actor: string,
  now: Date,
): Promise<void> => {
  if (!PROTECTED_STATUSES.includes(approved.status)) return;
  const rule = policy.incumbency;
  const incumbents: Registration[] = [];
  for (const claim of facts.policyFacts.competingClaims) {
    if (claim.partnerId === approved.partnerId) continue;
    const incumbent = await tx.registrations.get(claim.registrationId);
    if (
      incumbent &&
      PROTECTED_STATUSES.includes(incumbent.status) &&
      incumbent.protectedUntil &&
      Date.parse(incumbent.protectedUntil) > now.getTime()
    )
      incumbents.push(incumbent);
  }
  if (incumbents.length === 0) return;

  for (const incumbent of incumbents) {
    // Locked before its state is read, so a decision on the incumbent cannot slip in between.
    await tx.governance.lock(incumbent.id);
    const state = await tx.governance.get(incumbent.id);
    if (!state) continue;
    if (rule.onCompetingApproval === 'split') {
      await tx.governance.save({
        ...state,
        firedRules: withRule(state.firedRules, { ruleId: rule.id, reason: SPLIT_REASON.incumbent }),
      });
      await tx.governance.addDecision({
        registrationId: incumbent.id,
        kind: 'incumbency',
        outcome: 'split',
        policyVersion: state.policyVersion,
        firedRules: [{ ruleId: rule.id, reason: SPLIT_REASON.incumbent }],
        actorUserId: null,
        secondApproverId: null,
        reason: `Competing registration ${approved.id} approved while this protection stood`,
        decidedAt: now.toISOString(),
      });
      await tx.governance.appendAudit({
        type: 'registration.incumbency_split',
        actor,
        subject: `registration:${incumbent.id}`,
        payload: {
          ruleId: rule.id,
          competingRegistrationId: approved.id,
          protectedUntil: incumbent.protectedUntil,
        },
        at: now,
      });
      continue;
    }
    const until = new Date(now.getTime() + rule.noticeDays * DAY_MS).toISOString();
    const reason = noticeReason(
      rule.noticeDays,
      until < incumbent.protectedUntil! ? until : incumbent.protectedUntil!,
    );
    await recordDecision(tx, {
      registration: incumbent,
      decision: { kind: 'protection_notice', protectedUntil: until },
      terms: decisionTerms(state, policy),
      state: { ...state, firedRules: withRule(state.firedRules, { ruleId: rule.id, reason }) },
      record: {
        kind: 'incumbency',
        outcome: 'protection_ending',
        policyVersion: state.policyVersion,
        firedRules: [{ ruleId: rule.id, reason }],
        actorUserId: null,
        secondApproverId: null,
        reason: `Competing registration ${approved.id} approved; protection ends with ${rule.noticeDays} days' notice`,
      },
      audit: {
        type: 'registration.protection_ending',
        actor,
        payload: (after) => ({
          ruleId: rule.id,
          competingRegistrationId: approved.id,
          from: incumbent.protectedUntil,
          protectedUntil: after.protectedUntil,
          noticeDays: rule.noticeDays,
        }),
      },
      now,
    });
  }
  // The approved claim says, too, that it was approved alongside a standing protection.
  const own = await tx.governance.get(approved.id);
  if (own && rule.onCompetingApproval === 'split')
    await tx.governance.save({
      ...own,
      firedRules: withRule(own.firedRules, { ruleId: rule.id, reason: SPLIT_REASON.newcomer }),
    });
};
