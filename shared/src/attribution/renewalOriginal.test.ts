import { buildDeal } from '../testing/index.js';
import { chooseRenewalOriginal } from './renewalOriginal.js';

const won = (id: string, closeDate: string | null, createdAt = '2025-01-10T00:00:00.000Z') =>
  buildDeal({ id, name: `Deal ${id}`, accountId: 'a-1', stageCategory: 'won', closeDate, createdAt });

const renewal = buildDeal({
  id: 'd-renewal',
  accountId: 'a-1',
  stageCategory: 'open',
  createdAt: '2026-10-01T09:30:00.000Z',
});

describe('choosing a renewal’s original deal', () => {
  it('When the account has several won deals, then the latest one closed before the renewal was created is the original', () => {
    const choice = chooseRenewalOriginal(renewal, [
      won('d-2024', '2024-09-30'),
      won('d-2025', '2025-09-30'),
      won('d-after', '2026-11-15'),
      renewal,
    ]);
    expect(choice).toEqual({
      originalDealId: 'd-2025',
      reason:
        'Deal d-2025 (d-2025) is the latest won deal on the account that closed before the renewal was created: it closed on 2025-09-30, the renewal was created on 2026-10-01',
    });
  });

  it('When the original closed on the day the renewal was created, then it still counts', () => {
    expect(chooseRenewalOriginal(renewal, [won('d-same-day', '2026-10-01')]).originalDealId).toBe(
      'd-same-day',
    );
  });

  it('When deals are lost, open, on another account or without a close date, then they are passed over', () => {
    const choice = chooseRenewalOriginal(renewal, [
      buildDeal({ id: 'd-lost', accountId: 'a-1', stageCategory: 'lost', closeDate: '2025-09-30' }),
      buildDeal({ id: 'd-open', accountId: 'a-1', stageCategory: 'open', closeDate: '2025-09-30' }),
      buildDeal({ id: 'd-other', accountId: 'a-2', stageCategory: 'won', closeDate: '2025-09-30' }),
      won('d-undated', null),
    ]);
    expect(choice).toEqual({
      originalDealId: null,
      reason: 'no won deal on the account closed before the renewal was created on 2026-10-01',
    });
  });

  it('When two won deals closed on the same day, then the later created wins, and then the smaller id, whatever the order given', () => {
    const later = won('d-b', '2025-09-30', '2025-03-01T00:00:00.000Z');
    const earlier = won('d-a', '2025-09-30', '2025-02-01T00:00:00.000Z');
    expect(chooseRenewalOriginal(renewal, [earlier, later]).originalDealId).toBe('d-b');
    expect(chooseRenewalOriginal(renewal, [later, earlier]).originalDealId).toBe('d-b');
    const twinA = won('d-x', '2025-09-30', '2025-03-01T00:00:00.000Z');
    const twinB = won('d-w', '2025-09-30', '2025-03-01T00:00:00.000Z');
    expect(chooseRenewalOriginal(renewal, [twinA, twinB]).originalDealId).toBe('d-w');
    expect(chooseRenewalOriginal(renewal, [twinB, twinA]).originalDealId).toBe('d-w');
  });

  it('When two renewals were created and closed on the same day, then only the later created can renew the earlier, never both ways', () => {
    const first = buildDeal({
      id: 'd-r1',
      accountId: 'a-1',
      stageCategory: 'won',
      closeDate: '2026-10-01',
      createdAt: '2026-10-01T08:00:00.000Z',
    });
    const second = buildDeal({
      id: 'd-r2',
      accountId: 'a-1',
      stageCategory: 'won',
      closeDate: '2026-10-01',
      createdAt: '2026-10-01T10:00:00.000Z',
    });
    expect(chooseRenewalOriginal(second, [first, second]).originalDealId).toBe('d-r1');
    expect(chooseRenewalOriginal(first, [first, second]).originalDealId).toBeNull();
  });

  it('When the renewal is on no account, then it has no original and says why', () => {
    expect(chooseRenewalOriginal({ ...renewal, accountId: null }, [won('d-1', '2025-09-30')])).toEqual({
      originalDealId: null,
      reason: 'the renewal is on no account, so it has no earlier deal to renew',
    });
  });
});
