import type { Conflict, ConflictEvidence } from '@entente/shared/conflicts';
import { foldEvidence, groupConflicts } from './conflictGroups.js';

const linked = (type: ConflictEvidence['type'], id: string, text: string): ConflictEvidence => ({
  type,
  id,
  score: 1,
  decision: 'match',
  reasons: [{ field: 'name', contribution: 0, similarity: 1, text }],
});
const accountMatch = linked('account', 'acc-22', 'registration is linked to account acc-22');

const openDeal = (dealId: string, ownerId = 'u-darcel'): Conflict => ({
  kind: 'direct_owned_deal',
  severity: 'blocking',
  summary: `Open deal ${dealId} on account acc-22 is owned by ${ownerId}.`,
  partnerSafeSummary: 'Our direct team is already working an open opportunity with this customer.',
  // As the engine builds it: the account's match, and the same match copied onto the deal.
  evidence: [accountMatch, { ...accountMatch, type: 'deal', id: dealId }],
  competing: [{ type: 'deal', id: dealId, ownerUserIds: [ownerId, 'u-overlay'] }],
});
const ownedAccount: Conflict = {
  kind: 'direct_owned_account',
  severity: 'warning',
  summary: 'Account acc-22 is owned by a direct seller (u-darcel).',
  partnerSafeSummary: 'This customer is already an account managed by our direct sales team.',
  evidence: [accountMatch],
  competing: [{ type: 'account', id: 'acc-22', ownerUserIds: ['u-darcel'] }],
};
const claimedBy = (registrationId: string, partnerId: string, severity: Conflict['severity']): Conflict => ({
  kind: 'competing_registration',
  severity,
  summary: `Partner ${partnerId} holds an active registration ${registrationId}.`,
  partnerSafeSummary: 'Another partner already holds an active registration for this customer.',
  evidence: [linked('registration', registrationId, 'both claims resolve to account acc-22')],
  competing: [{ type: 'registration', id: registrationId, ownerUserIds: ['u-pm'], partnerId }],
});
const otherIdentity = (accountId: string, ownerUserIds: string[]): Conflict => ({
  kind: 'same_customer_other_identity',
  severity: 'info',
  summary: `The customer may be account ${accountId} under another name.`,
  partnerSafeSummary: 'This customer may be already known to us under another name.',
  evidence: [
    {
      type: 'account',
      id: accountId,
      score: 0.62,
      decision: 'possible',
      reasons: [{ field: 'domain', contribution: 2, similarity: 1, text: 'same domain' }],
    },
  ],
  competing: [{ type: 'account', id: accountId, ownerUserIds }],
});

// A claim on the account, not tied to a deal: it runs into every open deal there (the sandbox's).
const accountClaim = [
  openDeal('deal-77'),
  openDeal('deal-105'),
  openDeal('deal-307'),
  claimedBy('reg-039', 'p-fabrikam', 'blocking'),
  ownedAccount,
];

describe('groupConflicts', () => {
  it('When a claim runs into three open deals and the account of one seller, then that seller is one group listing four records', () => {
    const groups = groupConflicts([{ registrationId: 'reg-t', conflicts: accountClaim }], []);
    expect(groups.map((g) => g.party)).toEqual([
      { kind: 'direct', userId: 'u-darcel' },
      { kind: 'partner', partnerId: 'p-fabrikam' },
    ]);
    const [seller] = groups;
    expect(seller?.severity).toBe('blocking');
    expect(seller?.kinds).toEqual(['direct_owned_deal', 'direct_owned_account']);
    expect(seller?.records.map((r) => `${r.type}:${r.id}`)).toEqual([
      'deal:deal-77',
      'deal:deal-105',
      'deal:deal-307',
      'account:acc-22',
    ]);
    expect(seller?.summaries).toHaveLength(4);
  });

  it('When the card is on one of the deals, then that deal is never a conflict and the others still are', () => {
    const groups = groupConflicts(
      [{ registrationId: 'reg-t', conflicts: accountClaim }],
      [{ type: 'deal', id: 'deal-77' }],
    );
    const records = groups.flatMap((g) => g.records.map((r) => r.id));
    expect(records).not.toContain('deal-77');
    expect(records).toEqual(['deal-105', 'deal-307', 'acc-22', 'reg-039']);
  });

  it('When the card is on the company and its only conflict is owning it, then no group is left', () => {
    expect(
      groupConflicts(
        [{ registrationId: 'reg-t', conflicts: [ownedAccount] }],
        [{ type: 'account', id: 'acc-22' }],
      ),
    ).toEqual([]);
  });

  it('When two claims on a card run into the same deals, then each deal is listed once, against both claims', () => {
    const groups = groupConflicts(
      [
        { registrationId: 'reg-a', conflicts: [openDeal('deal-105'), openDeal('deal-307')] },
        { registrationId: 'reg-b', conflicts: [openDeal('deal-105'), openDeal('deal-307')] },
      ],
      [],
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]?.records.map((r) => r.id)).toEqual(['deal-105', 'deal-307']);
    expect(groups[0]?.registrationIds).toEqual(['reg-a', 'reg-b']);
    expect(groups[0]?.summaries).toHaveLength(2);
  });

  it('When two claims on a card name each other, then the pair is said once, from the later claim', () => {
    const groups = groupConflicts(
      [
        { registrationId: 'reg-039', conflicts: [claimedBy('reg-t', 'p-tailspin', 'warning')] },
        { registrationId: 'reg-t', conflicts: [claimedBy('reg-039', 'p-fabrikam', 'blocking')] },
      ],
      [],
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      party: { kind: 'partner', partnerId: 'p-fabrikam' },
      registrationIds: ['reg-t'],
      records: [{ type: 'registration', id: 'reg-039' }],
    });
  });

  it('When a claim names another claim on the card that does not name it back, then that conflict stays', () => {
    const groups = groupConflicts(
      [
        { registrationId: 'reg-039', conflicts: [claimedBy('reg-t', 'p-tailspin', 'warning')] },
        { registrationId: 'reg-t', conflicts: [] },
      ],
      [],
    );
    expect(groups.map((g) => g.party)).toEqual([{ kind: 'partner', partnerId: 'p-tailspin' }]);
  });

  it('When records belong to different sellers or nobody, then each is its own group, worst first', () => {
    const groups = groupConflicts(
      [
        {
          registrationId: 'reg-t',
          conflicts: [otherIdentity('acc-9', []), openDeal('deal-105', 'u-bo'), ownedAccount],
        },
      ],
      [],
    );
    expect(groups.map((g) => [g.party, g.severity])).toEqual([
      [{ kind: 'direct', userId: 'u-bo' }, 'blocking'],
      [{ kind: 'direct', userId: 'u-darcel' }, 'warning'],
      [{ kind: 'unowned' }, 'info'],
    ]);
  });

  it('When one account is both owned and another identity of the customer, then it is one record with both kinds', () => {
    const groups = groupConflicts(
      [{ registrationId: 'reg-t', conflicts: [ownedAccount, otherIdentity('acc-22', ['u-darcel'])] }],
      [],
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]?.records).toEqual([
      { type: 'account', id: 'acc-22', kinds: ['direct_owned_account', 'same_customer_other_identity'] },
    ]);
  });
});

describe('foldEvidence', () => {
  it('When the same account match backs five conflicts, then it is one line, and the deals copied from it add none', () => {
    const lines = foldEvidence(accountClaim);
    expect(lines).toEqual([
      {
        type: 'account',
        id: 'acc-22',
        score: 1,
        decision: 'match',
        reasons: ['registration is linked to account acc-22'],
      },
      {
        type: 'registration',
        id: 'reg-039',
        score: 1,
        decision: 'match',
        reasons: ['both claims resolve to account acc-22'],
      },
    ]);
  });

  it('When a deal was matched on its own evidence, then it keeps its own line', () => {
    const own: Conflict = {
      ...openDeal('deal-105'),
      evidence: [accountMatch, { ...linked('deal', 'deal-105', 'the partner named this deal'), score: 0.9 }],
    };
    expect(foldEvidence([own]).map((l) => [l.type, l.id, l.score])).toEqual([
      ['account', 'acc-22', 1],
      ['deal', 'deal-105', 0.9],
    ]);
  });

  it('When a record is matched twice with different scores, then the line keeps the best score, its reasons first', () => {
    const weak = otherIdentity('acc-9', []);
    const strong: Conflict = {
      ...weak,
      evidence: [{ ...linked('account', 'acc-9', 'same phone'), score: 0.93 }],
    };
    expect(foldEvidence([weak, strong])).toEqual([
      {
        type: 'account',
        id: 'acc-9',
        score: 0.93,
        decision: 'match',
        reasons: ['same phone', 'same domain'],
      },
    ]);
  });
});
