import { buildDeal, buildRegistration } from '../testing/index.js';
import { chooseDeal } from './dealChoice.js';

describe('chooseDeal', () => {
  it('When the account has one open deal, then that is the deal', () => {
    const open = buildDeal({ id: 'd-open' });
    const won = buildDeal({ id: 'd-won', stageCategory: 'won' });
    expect(chooseDeal(buildRegistration(), [won, open])).toEqual({
      deal: open,
      reason: 'the only open deal on the customer’s account',
    });
  });

  it('When several open deals exist and one matches the amount, then that one is chosen, saying why', () => {
    const a = buildDeal({ id: 'd-a', amountMinor: 100 });
    const b = buildDeal({ id: 'd-b', amountMinor: 200 });
    const choice = chooseDeal(buildRegistration({ amountMinor: 200 }), [a, b]);
    expect(choice.deal?.id).toBe('d-b');
    expect(choice.reason).toMatch(/amount/);
  });

  it('When nothing singles one out, or there is no open deal, then no deal is chosen and an approver links it', () => {
    const a = buildDeal({ id: 'd-a', amountMinor: 100 });
    const b = buildDeal({ id: 'd-b', amountMinor: 200 });
    expect(chooseDeal(buildRegistration(), [a, b])).toMatchObject({
      deal: null,
      reason: expect.stringMatching(/approver/),
    });
    expect(chooseDeal(buildRegistration(), [])).toEqual({
      deal: null,
      reason: 'the customer has no open deal',
    });
  });
});
