import type { Account, Deal, Partner, Registration, RegistrationStatus } from '../domain/index.js';
import {
  CandidateIndex,
  prepareRecord,
  scorePair,
  type MatchModel,
  type MatchReason,
  type MatchResult,
  type PrepareOptions,
} from '../matching/index.js';
import { SEVERITY_ORDER, type Conflict, type ConflictEvidence } from './conflict.js';
import { accountToMatchRecord, registrationToMatchRecord } from './customerRecords.js';

export type DetectConflictsInput = {
  registration: Registration;
  accounts: readonly Account[];
  deals: readonly Deal[];
  registrations: readonly Registration[];
  /** Used to name partners in internal summaries and to list partner managers as stake holders. */
  partners?: readonly Partner[];
  /** Protection windows are judged at this instant (ISO date-time). */
  now: string;
  /** A prebuilt index over `accounts` (kept up to date by the caller) saves rebuilding it per call. */
  accountIndex?: CandidateIndex;
  model?: MatchModel;
  prepare?: PrepareOptions;
};

const PENDING: ReadonlySet<RegistrationStatus> = new Set([
  'submitted',
  'in_review',
  'info_requested',
  'pending_second_approval',
]);
const PROTECTED: ReadonlySet<RegistrationStatus> = new Set(['approved', 'extended']);

/** Pending claims, and approved claims still inside their protection window, hold the customer. */
const isActive = (registration: Registration, now: number): boolean =>
  PENDING.has(registration.status) ||
  (PROTECTED.has(registration.status) &&
    (registration.protectedUntil === null || Date.parse(registration.protectedUntil) >= now));

const linkedReason = (text: string): MatchReason => ({ field: 'name', contribution: 0, similarity: 1, text });

const evidenceOf = (type: ConflictEvidence['type'], result: MatchResult): ConflictEvidence => ({
  type,
  id: result.rightId,
  score: result.score,
  decision: result.decision,
  reasons: result.reasons,
});

const linkedResult = (leftId: string, rightId: string, text: string): MatchResult => ({
  leftId,
  rightId,
  decision: 'match',
  score: 1,
  logOdds: Infinity,
  reasons: [linkedReason(text)],
});

const unique = (ids: readonly (string | null | undefined)[]): string[] => [
  ...new Set(ids.filter((id): id is string => Boolean(id))),
];

/**
 * List the conflicts a registration runs into: earlier claims by the same or another partner, the
 * direct team's accounts and open deals, and the same customer under another identity or in the same
 * corporate family. Pure: the caller loads the tenant's records and passes `now`.
 */
export const detectConflicts = (input: DetectConflictsInput): Conflict[] => {
  const { registration } = input;
  const now = Date.parse(input.now);
  const index = input.accountIndex ?? new CandidateIndex({ prepare: input.prepare, model: input.model });
  if (!input.accountIndex) for (const account of input.accounts) index.upsert(accountToMatchRecord(account));
  const accountsById = new Map(input.accounts.map((account) => [account.id, account]));
  const partnersById = new Map((input.partners ?? []).map((partner) => [partner.id, partner]));
  const customer = prepareRecord(registrationToMatchRecord(registration), input.prepare);

  // 1. Which accounts is this customer? A link made by a person beats any score.
  const matched = new Map<string, MatchResult>();
  for (const result of index.lookup(customer))
    if (accountsById.has(result.rightId)) matched.set(result.rightId, result);
  if (registration.accountId && accountsById.has(registration.accountId)) {
    matched.set(
      registration.accountId,
      linkedResult(
        registration.id,
        registration.accountId,
        `registration is linked to account ${registration.accountId}`,
      ),
    );
  }
  const customerAccounts = [...matched.values()].filter((result) => result.decision === 'match');
  const possibleAccounts = [...matched.values()].filter((result) => result.decision === 'possible');
  // An account that shares the claim's domain or phone may be this customer under another name:
  // its direct owner and open deals conflict too (as warnings, for a reviewer to settle).
  const identifiedAccounts = possibleAccounts.filter((result) => result.identifier);
  const conflicts: Conflict[] = [];

  // 2. Direct ownership of the account and of its open deals.
  for (const result of [...customerAccounts, ...identifiedAccounts]) {
    const account = accountsById.get(result.rightId) as Account;
    const sure = result.decision === 'match';
    const how = sure ? `match ${result.score.toFixed(2)}` : (result.identifier?.text ?? 'possible match');
    if (account.ownerId) {
      conflicts.push({
        kind: 'direct_owned_account',
        severity: 'warning',
        summary: `Account "${account.name}" (${account.id}) is owned by a direct seller (${account.ownerId}); ${how}.`,
        partnerSafeSummary: sure
          ? 'This customer is already an account managed by our direct sales team.'
          : 'This customer may already be an account managed by our direct sales team.',
        evidence: [evidenceOf('account', result)],
        competing: [{ type: 'account', id: account.id, ownerUserIds: [account.ownerId] }],
      });
    }
    for (const deal of input.deals) {
      if (deal.accountId !== account.id || deal.stageCategory !== 'open' || deal.id === registration.dealId)
        continue;
      const stake = unique([deal.ownerId, ...deal.splits.map((split) => split.userId)]);
      if (stake.length === 0) continue;
      conflicts.push({
        kind: 'direct_owned_deal',
        severity: sure ? 'blocking' : 'warning',
        summary: `Open deal "${deal.name}" (${deal.id}, stage ${deal.stage}) on account "${account.name}" is owned by ${deal.ownerId ?? 'a split holder'}${sure ? '' : `; ${how}`}.`,
        partnerSafeSummary: sure
          ? 'Our direct team is already working an open opportunity with this customer.'
          : 'Our direct team may already be working an open opportunity with this customer.',
        evidence: [evidenceOf('account', result), { ...evidenceOf('deal', result), id: deal.id }],
        competing: [{ type: 'deal', id: deal.id, ownerUserIds: stake }],
      });
    }
  }

  // 3. The same customer under another name or domain: matched, but not by the identity given.
  for (const result of [...customerAccounts, ...possibleAccounts]) {
    const account = accountsById.get(result.rightId) as Account;
    const otherName = !result.reasons.some(
      (reason) => reason.field === 'name' && (reason.similarity ?? 0) >= 0.97,
    );
    const givenDomain = customer.domains[0]?.domain;
    const otherDomain =
      givenDomain !== undefined && account.domains.length > 0 && !account.domains.includes(givenDomain);
    if (result.logOdds === Infinity || (!otherName && !otherDomain)) continue;
    const identity = otherName ? `name "${account.name}"` : `domain ${account.domains[0]}`;
    conflicts.push({
      kind: 'same_customer_other_identity',
      // A shared domain or phone under another name is as strong a hint as a match.
      severity: result.decision === 'match' || result.identifier ? 'warning' : 'info',
      summary: `The customer ${result.decision === 'match' ? 'is' : 'may be'} account ${account.id} under the ${identity} (score ${result.score.toFixed(2)}).`,
      partnerSafeSummary: `This customer ${result.decision === 'match' ? 'appears to be' : 'may be'} already known to us under another ${otherName ? 'name' : 'domain'}.`,
      evidence: [evidenceOf('account', result)],
      competing: [{ type: 'account', id: account.id, ownerUserIds: unique([account.ownerId]) }],
    });
  }

  // 4. Corporate family: parents, subsidiaries and sisters of the customer's accounts.
  const family = new Map<string, { account: Account; relation: string; via: MatchResult }>();
  for (const result of customerAccounts) {
    const account = accountsById.get(result.rightId) as Account;
    for (const other of input.accounts) {
      if (other.id === account.id || matched.get(other.id)?.decision === 'match') continue;
      const relation =
        other.id === account.parentAccountId
          ? 'parent'
          : other.parentAccountId === account.id
            ? 'subsidiary'
            : account.parentAccountId && other.parentAccountId === account.parentAccountId
              ? 'sister company'
              : null;
      if (relation && !family.has(other.id)) family.set(other.id, { account: other, relation, via: result });
    }
  }
  for (const { account, relation, via } of family.values()) {
    const owned = account.ownerId !== null;
    conflicts.push({
      kind: 'corporate_family',
      severity: owned ? 'warning' : 'info',
      summary: `Account "${account.name}" (${account.id}) is the ${relation} of the matched account ${via.rightId}${owned ? `, owned by ${account.ownerId}` : ''}.`,
      partnerSafeSummary: `A company in the same corporate family (${relation}) is already an account with us.`,
      evidence: [
        evidenceOf('account', via),
        evidenceOf(
          'account',
          linkedResult(
            registration.id,
            account.id,
            `${relation} of account ${via.rightId} in the CRM hierarchy`,
          ),
        ),
      ],
      competing: [{ type: 'account', id: account.id, ownerUserIds: unique([account.ownerId]) }],
    });
  }

  // 5. Other active claims on the same customer: by account link, or by matching what was registered.
  const customerAccountIds = new Set(customerAccounts.map((result) => result.rightId));
  for (const other of input.registrations) {
    if (other.id === registration.id || !isActive(other, now)) continue;
    let result: MatchResult | null = null;
    if (other.accountId && customerAccountIds.has(other.accountId)) {
      result = linkedResult(registration.id, other.id, `both claims resolve to account ${other.accountId}`);
    } else {
      const scored = scorePair(customer, prepareRecord(registrationToMatchRecord(other), input.prepare), {
        rarity: index.rarity,
        model: input.model,
      });
      if (scored.decision !== 'no') result = scored;
    }
    if (!result) continue;
    const samePartner = other.partnerId === registration.partnerId;
    const protectedClaim = PROTECTED.has(other.status);
    const partner = partnersById.get(other.partnerId);
    const state = protectedClaim
      ? `approved, protected until ${other.protectedUntil ?? 'further notice'}`
      : other.status.replace('_', ' ');
    const likely = result.decision === 'match' ? '' : 'possibly ';
    conflicts.push({
      kind: samePartner ? 'duplicate_registration' : 'competing_registration',
      severity: result.decision === 'match' && (samePartner || protectedClaim) ? 'blocking' : 'warning',
      summary: samePartner
        ? `The partner already registered ${likely}this customer in ${other.id} (${state}).`
        : `${partner ? `Partner ${partner.name}` : `Partner ${other.partnerId}`} holds an active registration ${other.id} (${state}) for ${likely}the same customer.`,
      partnerSafeSummary: samePartner
        ? `You already registered ${likely}this customer (registration ${other.id}).`
        : `Another partner already holds an active registration for ${likely}this customer.`,
      evidence: [evidenceOf('registration', result)],
      competing: [
        {
          type: 'registration',
          id: other.id,
          ownerUserIds: unique([partner?.managerUserId]),
          partnerId: other.partnerId,
        },
      ],
    });
  }

  return conflicts.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
};
