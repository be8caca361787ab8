import { buildUser } from '../testing/index.js';
import { canAdjudicate, canManageRoles, normaliseRoles, sameRoles } from './roles.js';

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

describe('canManageRoles', () => {
  it('When the user is an active admin, then they may change roles; anyone else may not', () => {
    expect(canManageRoles(buildUser({ roles: ['seller', 'admin'], active: true }))).toBe(true);
    expect(canManageRoles(buildUser({ roles: ['admin'], active: false }))).toBe(false);
    expect(canManageRoles(buildUser({ roles: ['partner_manager', 'deal_desk'], active: true }))).toBe(false);
  });
});

describe('normaliseRoles and sameRoles', () => {
  it('When roles repeat or come in any order, then each is kept once in the schema order', () => {
    expect(normaliseRoles(['admin', 'seller', 'admin', 'deal_desk'])).toEqual([
      'seller',
      'deal_desk',
      'admin',
    ]);
    expect(normaliseRoles([])).toEqual([]);
  });

  it('When two lists grant the same roles, then they are the same; otherwise not', () => {
    expect(sameRoles(['admin', 'seller'], ['seller', 'admin', 'seller'])).toBe(true);
    expect(sameRoles(['admin'], ['admin', 'seller'])).toBe(false);
  });
});
