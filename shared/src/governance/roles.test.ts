import { buildUser } from '../testing/index.js';
import { canAdjudicate } from './roles.js';

describe('canAdjudicate', () => {
  it('When an active user is a partner manager, deal desk member or admin, then they may adjudicate', () => {
    for (const role of ['partner_manager', 'deal_desk', 'admin'] as const)
      expect(canAdjudicate(buildUser({ roles: [role], active: true }))).toBe(true);
  });

  it('When the user is a seller or sales manager, or inactive, then they may not', () => {
    expect(canAdjudicate(buildUser({ roles: ['seller', 'sales_manager'], active: true }))).toBe(false);
    expect(canAdjudicate(buildUser({ roles: ['admin'], active: false }))).toBe(false);
  });
});
