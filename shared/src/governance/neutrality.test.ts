import type { Conflict } from '../conflicts/index.js';
import { buildDeal, buildPartner } from '../testing/index.js';
import { computeStakes, describeStakes, pickNeutralApprover, stakesOf } from './neutrality.js';

const dealConflict: Conflict = {
  kind: 'direct_owned_deal',
  severity: 'blocking',
  summary: '',
  partnerSafeSummary: '',
  evidence: [],
  competing: [{ type: 'deal', id: 'd-1', ownerUserIds: ['u-owner', 'u-split'] }],
};
const claimConflict: Conflict = {
  kind: 'competing_registration',
  severity: 'warning',
  summary: '',
  partnerSafeSummary: '',
  evidence: [],
  competing: [{ type: 'registration', id: 'r-9', ownerUserIds: ['u-pm'], partnerId: 'p-rival' }],
};

describe('neutral approvals', () => {
  const stakes = computeStakes({
    conflicts: [dealConflict, claimConflict],
    claimedDeal: null,
    deals: [
      buildDeal({
        id: 'd-1',
        name: 'Acme renewal',
        ownerId: 'u-owner',
        splits: [
          { userId: 'u-owner', role: 'owner', percent: 80 },
          { userId: 'u-split', role: 'overlay', percent: 20 },
        ],
      }),
    ],
    accounts: [],
    partners: [buildPartner({ id: 'p-rival', name: 'Rival Co', managerUserId: 'u-pm' })],
  });

  it('When someone owns, is credited on, or manages a competitor, then each stake is named', () => {
    expect(describeStakes(stakesOf('u-owner', stakes))).toMatch(/owns a competing deal \(d-1/);
    expect(describeStakes(stakesOf('u-split', stakes))).toMatch(/credited 20% as overlay/);
    expect(stakesOf('u-pm', stakes)[0]).toMatchObject({ kind: 'competing_partner_manager' });
    expect(stakesOf('u-desk', stakes)).toEqual([]);
  });

  it('When reviews are assigned, then the least-loaded neutral approver gets it', () => {
    const pick = pickNeutralApprover(
      [
        { userId: 'u-owner', openReviews: 0 },
        { userId: 'u-desk', openReviews: 3 },
        { userId: 'u-pm-2', openReviews: 1 },
      ],
      stakes,
    );
    expect(pick?.userId).toBe('u-pm-2');
  });
});
