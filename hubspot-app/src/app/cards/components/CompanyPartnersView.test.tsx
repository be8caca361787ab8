import {
  Alert,
  EmptyState,
  Flex,
  Link,
  ErrorState,
  LoadingSpinner,
  StatisticsItem,
  Table,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { fakeService, serviceError } from '../testing/fakeService';
import { buildCompanyCard, buildConflictGroup, buildPartnerConflictGroup } from '../testing/payloads';
import { textOf } from '../testing/renderedText';
import { CompanyPartnersView } from './CompanyPartnersView';

const PATH = '/hubspot/cards/companies/5001';

describe('Company partner overview', () => {
  it('When the overview is loading, then a spinner shows', () => {
    const service = fakeService();
    service.hold(PATH);
    const { render, find } = createRenderer('crm.record.tab');
    render(<CompanyPartnersView fetcher={service.fetcher} companyId="5001" />);
    expect(find(LoadingSpinner).props.label).toBe('Loading partners on this account');
  });

  it('When partners are active, then partners, pipeline and the registration history show', async () => {
    const service = fakeService({ [PATH]: buildCompanyCard() });
    const { render, waitFor, maybeFind, findAll, find } = createRenderer('crm.record.tab');
    render(<CompanyPartnersView fetcher={service.fetcher} companyId="5001" />);
    await waitFor(() => expect(maybeFind(Table)).not.toBeNull());
    expect(findAll(StatisticsItem).map((s) => [s.props.label, s.props.number])).toEqual([
      ['Open deals', '2'],
      ['Open pipeline', '$200,000'],
      ['Active partners', '1'],
    ]);
    expect(textOf(find(Table))).toContain('Tailspin Toys Approved Acme platform 1 Oct 2026');
  });

  it('When a partner’s tier was assessed, then its row says the tier, why it holds it and what the next tier needs', async () => {
    const service = fakeService({
      [PATH]: buildCompanyCard({
        partners: [
          {
            partnerId: 'p-tailspin',
            name: 'Tailspin Toys',
            tier: 'Silver',
            tierAssessment: {
              tierId: 'silver',
              tierName: 'Silver',
              reasons: ['certifications: 1 of 1 required', 'verified customer outcomes: 2 of 1 required'],
              next: { tierName: 'Gold', missing: ['verified implementation outcomes: 0 of 1 required'] },
              assessedAt: '2026-11-01T09:00:00.000Z',
            },
            activeRegistrations: 1,
            roles: ['sourced'],
          },
          {
            partnerId: 'p-fabrikam',
            name: 'Fabrikam',
            tier: 'Premier',
            tierAssessment: null,
            activeRegistrations: 0,
            roles: ['influenced'],
          },
        ],
      }),
    });
    const { render, waitFor, maybeFind, findByTestId, maybeFindByTestId } = createRenderer('crm.record.tab');
    render(<CompanyPartnersView fetcher={service.fetcher} companyId="5001" />);
    await waitFor(() => expect(maybeFind(Table)).not.toBeNull());
    expect(textOf(findByTestId(Flex, 'company-partner-p-tailspin'))).toContain(
      'Silver tier, 1 active registration(s)',
    );
    expect(textOf(findByTestId(Flex, 'company-partner-tier-p-tailspin'))).toBe(
      'Silver since 1 Nov 2026: certifications: 1 of 1 required; verified customer outcomes: 2 of 1 required ' +
        'For Gold: verified implementation outcomes: 0 of 1 required',
    );
    // A tier set by hand has no reasons to show.
    expect(textOf(findByTestId(Flex, 'company-partner-p-fabrikam'))).toContain('Premier tier');
    expect(maybeFindByTestId(Flex, 'company-partner-tier-p-fabrikam')).toBeNull();
  });

  it('When the account has open conflicts, then each competing party is one alert naming the claims it competes with', async () => {
    const service = fakeService({
      [PATH]: buildCompanyCard({
        conflicts: [
          buildConflictGroup({
            against: [
              { registrationId: 'reg-1', partnerName: 'Tailspin Toys', status: 'in_review' },
              { registrationId: 'reg-2', partnerName: 'Northwind', status: 'submitted' },
            ],
          }),
          buildPartnerConflictGroup({ severity: 'warning' }),
        ],
      }),
    });
    const { render, waitFor, maybeFind, findAll, findByTestId } = createRenderer('crm.record.tab');
    render(<CompanyPartnersView fetcher={service.fetcher} companyId="5001" />);
    await waitFor(() => expect(maybeFind(Alert)).not.toBeNull());
    expect(findAll(Alert).map((a) => [a.props.testId, a.props.variant])).toEqual([
      ['conflict-direct-u-s-2', 'danger'],
      ['conflict-partner-p-fabrikam', 'warning'],
    ]);
    const seller = findByTestId(Alert, 'conflict-direct-u-s-2');
    expect(seller.findAll(Link).map((l) => l.text)).toEqual(['deal Acme expansion']);
    expect(textOf(seller)).toContain(
      "Against Tailspin Toys's claim (in review) and Northwind's claim (submitted).",
    );
  });

  it('When no partner has touched the account, then an empty state says so', async () => {
    const service = fakeService({ [PATH]: buildCompanyCard({ partners: [], registrations: [] }) });
    const { render, waitFor, maybeFind, find } = createRenderer('crm.record.tab');
    render(<CompanyPartnersView fetcher={service.fetcher} companyId="5001" />);
    await waitFor(() => expect(maybeFind(EmptyState)).not.toBeNull());
    expect(find(EmptyState).props.title).toBe('No partner activity on this account');
  });

  it('When the company is not known, then the error state says it appears after the next sync', async () => {
    const service = fakeService({
      [PATH]: serviceError(404, 'REQUEST.NOT_FOUND', 'Company 5001 was not found'),
    });
    const { render, waitFor, maybeFind, find } = createRenderer('crm.record.tab');
    render(<CompanyPartnersView fetcher={service.fetcher} companyId="5001" />);
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(textOf(find(ErrorState))).toContain('It appears once the next sync has run.');
  });
});
