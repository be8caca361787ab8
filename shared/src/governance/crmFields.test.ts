import { buildRegistration } from '../testing/index.js';
import { accountPartnerField, dealRegistrationFields, holdingRegistration } from './crmFields.js';

const names: Record<string, string> = { 'p-north': 'Northwind', 'p-fab': 'Fabrikam', 'p-con': 'Contoso' };
const nameOf = (id: string) => names[id] ?? id;

describe('what a registration shows in the CRM', () => {
  it('When a deal has no registration, then every Entente field is cleared', () => {
    expect(dealRegistrationFields([], nameOf)).toEqual({
      partner: null,
      partnerRole: null,
      registrationStatus: null,
      protectionUntil: null,
    });
  });

  it('When a registration is approved, then the deal shows its partner as the source, protected to a calendar date', () => {
    const approved = buildRegistration({
      partnerId: 'p-north',
      status: 'approved',
      protectedUntil: '2027-01-31T09:00:00.000Z',
    });
    expect(dealRegistrationFields([approved], nameOf)).toEqual({
      partner: 'Northwind',
      partnerRole: 'sourced',
      registrationStatus: 'approved',
      protectionUntil: '2027-01-31',
    });
  });

  it('When a claim waits for a decision, then the deal shows it as registered with no protection', () => {
    const pending = buildRegistration({ partnerId: 'p-con', status: 'in_review' });
    expect(dealRegistrationFields([pending], nameOf)).toMatchObject({
      partner: 'Contoso',
      partnerRole: 'registered',
      protectionUntil: null,
    });
  });

  it('When several partners claim a deal, then a protected claim outranks a pending or rejected one', () => {
    const rejected = buildRegistration({
      partnerId: 'p-con',
      status: 'rejected',
      decidedAt: '2026-11-05T00:00:00Z',
    });
    const pending = buildRegistration({
      partnerId: 'p-fab',
      status: 'in_review',
      submittedAt: '2026-11-04T00:00:00Z',
    });
    const approved = buildRegistration({
      partnerId: 'p-north',
      status: 'approved',
      decidedAt: '2026-10-01T00:00:00Z',
      protectedUntil: '2026-12-30T00:00:00Z',
    });
    expect(holdingRegistration([rejected, pending, approved])?.partnerId).toBe('p-north');
    expect(holdingRegistration([rejected, pending])?.partnerId).toBe('p-fab');
  });

  it('When the only claim was rejected, then the deal keeps its status but no partner role', () => {
    const rejected = buildRegistration({ partnerId: 'p-con', status: 'rejected' });
    expect(dealRegistrationFields([rejected], nameOf)).toEqual({
      partner: 'Contoso',
      partnerRole: null,
      registrationStatus: 'rejected',
      protectionUntil: null,
    });
  });

  it('When a company has live and dead claims, then it lists the live partners once each, by name', () => {
    const registrations = [
      buildRegistration({ partnerId: 'p-north', status: 'approved' }),
      buildRegistration({ partnerId: 'p-north', status: 'won' }),
      buildRegistration({ partnerId: 'p-fab', status: 'submitted' }),
      buildRegistration({ partnerId: 'p-con', status: 'expired' }),
    ];
    expect(accountPartnerField(registrations, nameOf)).toBe('Fabrikam, Northwind');
    expect(accountPartnerField([buildRegistration({ status: 'withdrawn' })], nameOf)).toBeNull();
  });
});
