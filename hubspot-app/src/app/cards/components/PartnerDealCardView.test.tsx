import { useState } from 'react';
import {
  Accordion,
  Alert,
  BarChart,
  Button,
  EmptyState,
  Flex,
  ErrorState,
  Link,
  LoadingSpinner,
  ProgressBar,
  StatusTag,
  Table,
  Tag,
  TextArea,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describeTree, textOf } from '../testing/renderedText';
import { buildConflictGroup, buildDealCard, buildPartnerConflictGroup } from '../testing/payloads';
import { fakeService, serviceError } from '../testing/fakeService';
import { PartnerDealCardView } from './PartnerDealCardView';

const PATH = '/hubspot/cards/deals/9001';

describe('Partner deal card', () => {
  it('When the service has not answered yet, then a loading spinner shows', () => {
    const service = fakeService();
    service.hold(PATH);
    const { render, find } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    expect(find(LoadingSpinner).props.label).toBe('Loading partners on this deal');
  });

  it('When the deal has partners, then roles, status, clocks, attribution and sync health show', async () => {
    const service = fakeService({ [PATH]: buildDealCard() });
    const { render, find, findAll, findByTestId, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());

    expect(findByTestId(StatusTag, 'registration-status-reg-1').text).toBe('Approved');
    const partner = find(StatusTag, { testId: 'registration-status-reg-1' });
    expect(partner).toBeTruthy();
    expect(findAll(Alert)).toHaveLength(0);
    const protection = findByTestId(ProgressBar, 'protection-window-reg-1');
    expect(protection.props.title).toBe('Protected until 30 Dec 2026 (58 days left)');
    expect(protection.props.value).toBe(35);
    const text = textOf(find(Table));
    expect(text).toContain('Tailspin Toys');
    expect(text).toContain('Sourced the deal (40%)');
    expect(text).toContain('$72,000');
    expect(find(BarChart).props.data).toEqual([
      { participant: 'Tailspin Toys', share: 60 },
      { participant: 'Direct team', share: 40 },
    ]);
    expect(textOf(findByTestId(Flex, 'sync-health'))).toContain(
      'Last synced 2 Nov 2026, 08:55 UTC. Nothing waiting to be written.',
    );
    expect(service.calls.map((c) => c.path)).toEqual([PATH]);
  });

  it('When a claim is decided, then its verdict shows first: decision, rule ids and clock, with the evidence folded away', async () => {
    const service = fakeService({ [PATH]: buildDealCard() });
    const { render, findByTestId, waitFor, maybeFind, getRootNode } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());
    const verdict = findByTestId(Flex, 'verdict-reg-1');
    expect(verdict.findAll(Tag).map((t) => t.text)).toEqual(['P-1']);
    expect(verdict.find(ProgressBar).props.title).toBe('Protected until 30 Dec 2026 (58 days left)');
    const evidence = findByTestId(Accordion, 'evidence-reg-1');
    expect(evidence.props.title).toBe('Evidence: 1 matched record, 1 rule');
    expect(evidence.props.defaultOpen).toBeUndefined();
    expect(textOf(evidence)).toContain('company Acme Corporation 97% match: domain acme.example is the same');
    const picture = describeTree(getRootNode());
    expect(picture.indexOf('[Approved]')).toBeLessThan(picture.indexOf('== Partners on this deal =='));
    expect(picture).toContain('[+] Evidence: 1 matched record, 1 rule');
    expect(picture).not.toContain('97% match');
  });

  it('When an override waits for a second approver, then the claim shows the second approval clock, not a review clock', async () => {
    const card = buildDealCard();
    const service = fakeService({
      [PATH]: buildDealCard({
        registrations: [
          {
            ...card.registrations[0]!,
            status: 'pending_second_approval',
            protection: null,
            approvalClock: {
              label: 'Second approval',
              startsAt: '2026-11-02T08:00:00.000Z',
              endsAt: '2026-11-04T08:00:00.000Z',
              percentUsed: 2.1,
              hoursLeft: 47,
              overdue: false,
            },
          },
        ],
      }),
    });
    const { render, findByTestId, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());
    expect(findByTestId(StatusTag, 'registration-status-reg-1').text).toBe(
      'Override awaiting a second approver',
    );
    expect(findByTestId(ProgressBar, 'approval-clock-reg-1').props.title).toBe(
      'Second approval due 4 Nov 2026, 08:00 UTC (47 hours left)',
    );
  });

  it('When two claims run into one seller and another partner, then there is one block per party, each record once, against the claims it competes with', async () => {
    const seller = buildConflictGroup({
      kinds: ['direct_owned_deal', 'direct_owned_account'],
      records: [
        {
          type: 'deal',
          id: 'd-9',
          label: 'deal Acme expansion',
          url: 'https://app.hubspot.com/contacts/990001/record/0-3/9009',
          why: 'an open deal they own',
        },
        {
          type: 'company',
          id: 'a-1',
          label: 'company Acme Corporation',
          url: 'https://app.hubspot.com/contacts/990001/record/0-2/5001',
          why: 'the account they own',
        },
      ],
      moreRecords: 2,
      against: [
        { registrationId: 'reg-1', partnerName: 'Tailspin Toys', status: 'approved' },
        { registrationId: 'reg-2', partnerName: 'Northwind', status: 'in_review' },
      ],
    });
    const card = buildDealCard();
    const service = fakeService({
      [PATH]: buildDealCard({
        registrations: [
          card.registrations[0]!,
          {
            ...card.registrations[0]!,
            id: 'reg-2',
            partnerId: 'p-northwind',
            partnerName: 'Northwind',
            status: 'in_review',
          },
        ],
        conflicts: [seller, buildPartnerConflictGroup({ severity: 'warning' })],
      }),
    });
    const { render, findByTestId, findAll, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(Alert)).not.toBeNull());
    expect(findAll(Alert).map((a) => [a.props.title, a.props.variant])).toEqual([
      ['Direct seller Sam Seller is already working this customer', 'danger'],
      ['Fabrikam Resellers already claims this customer', 'warning'],
    ]);
    const block = findByTestId(Alert, 'conflict-direct-u-s-2');
    expect(block.findAll(Link).map((l) => [l.text, l.props.href])).toEqual([
      [
        'deal Acme expansion',
        { url: 'https://app.hubspot.com/contacts/990001/record/0-3/9009', external: false },
      ],
      [
        'company Acme Corporation',
        { url: 'https://app.hubspot.com/contacts/990001/record/0-2/5001', external: false },
      ],
    ]);
    expect(textOf(block)).toContain('and 2 more of theirs on this customer');
    expect(textOf(block)).toContain(
      "Against Tailspin Toys's claim (approved) and Northwind's claim (in review).",
    );
    expect(block.find(Accordion).props.title).toBe('What Entente found');
    expect(textOf(findByTestId(Flex, 'competing-parties'))).toContain('Competing claims (2)');
  });

  it('When the deal only came in by the initial import, then the sync line says how Entente heard of it', async () => {
    const service = fakeService({
      [PATH]: buildDealCard({
        sync: {
          state: 'in_sync',
          lastSyncedAt: '2026-11-02T08:55:00.000Z',
          via: 'backfill',
          pendingWrites: 0,
          pendingFields: [],
          refusedReason: null,
        },
      }),
    });
    const { render, findByTestId, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());
    expect(textOf(findByTestId(Flex, 'sync-health'))).toContain('In sync');
    expect(textOf(findByTestId(Flex, 'sync-health'))).toContain(
      'Last synced 2 Nov 2026, 08:55 UTC by the initial import. Nothing waiting to be written.',
    );
  });

  it('When HubSpot refused Entente’s last update, then the sync line says so with HubSpot’s reason', async () => {
    const service = fakeService({
      [PATH]: buildDealCard({
        sync: {
          state: 'write_refused',
          lastSyncedAt: '2026-11-02T08:55:00.000Z',
          via: 'change',
          pendingWrites: 0,
          pendingFields: [],
          refusedReason: 'Could not get some DEAL objects, they may be deleted or not exist.',
        },
      }),
    });
    const { render, findByTestId, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());
    const line = textOf(findByTestId(Flex, 'sync-health'));
    expect(line).toContain('Update refused');
    expect(line).toContain('by a change in HubSpot');
    expect(line).toContain(
      "HubSpot refused Entente's last update (Could not get some DEAL objects, they may be deleted or not exist.); it will not be retried.",
    );
  });

  it('When no partner is on the deal, then an empty state says so and attribution still shows', async () => {
    const service = fakeService({ [PATH]: buildDealCard({ partners: [], registrations: [] }) });
    const { render, find, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(EmptyState)).not.toBeNull());
    expect(find(EmptyState).props.title).toBe('No partners on this deal');
    expect(maybeFind(BarChart)).not.toBeNull();
  });

  it('When the service fails, then an error state explains it and retrying loads the card', async () => {
    let attempts = 0;
    const service = fakeService({
      [PATH]: () =>
        ++attempts === 1
          ? serviceError(0, 'CARD.TIMEOUT', 'Entente took too long to answer. Try again in a moment.')
          : buildDealCard(),
    });
    const { render, find, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(textOf(find(ErrorState))).toContain('Entente took too long to answer');
    find(Button, { testId: 'retry' }).trigger('onClick');
    await waitFor(() => expect(maybeFind(BarChart)).not.toBeNull());
    expect(attempts).toBe(2);
  });

  it('When the service answers with something unexpected, then the card shows an error, not a broken view', async () => {
    const service = fakeService({ [PATH]: { deal: 'nope' } });
    const { render, find, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(textOf(find(ErrorState))).toContain('does not understand');
  });

  it('When an older answer arrives after a newer request, then the older answer is dropped', async () => {
    const service = fakeService({
      '/hubspot/cards/deals/9002': buildDealCard({ partners: [], registrations: [] }),
    });
    service.hold(PATH);
    // The same card instance moves to another record while the first answer is still on its way.
    const Switcher = () => {
      const [dealId, setDealId] = useState('9001');
      return (
        <>
          <Button testId="next-record" onClick={() => setDealId('9002')}>
            Next
          </Button>
          <PartnerDealCardView fetcher={service.fetcher} dealId={dealId} />
        </>
      );
    };
    const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
    render(<Switcher />);
    findByTestId(Button, 'next-record').trigger('onClick');
    await waitFor(() => expect(maybeFind(EmptyState)).not.toBeNull());
    service.release(PATH, buildDealCard());
    // Let the released answer run through the hook.
    for (let tick = 0; tick < 20; tick++) await Promise.resolve();
    expect(maybeFind(EmptyState)).not.toBeNull();
    expect(find(EmptyState).props.title).toBe('No partners on this deal');
  });

  it('When a seller disputes a split, then the reason is sent and the card confirms it', async () => {
    const service = fakeService({
      [PATH]: buildDealCard(),
      [`${PATH}/disputes`]: { id: 'dsp_1', state: 'open', deadline: '2026-11-16T09:00:00.000Z' },
    });
    const { render, find, waitFor, maybeFind, findByTestId } = createRenderer('crm.record.tab');
    render(<PartnerDealCardView fetcher={service.fetcher} dealId="9001" />);
    await waitFor(() => expect(maybeFind(Table)).not.toBeNull());
    findByTestId(Button, 'dispute-p-tailspin').trigger('onClick');
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    find(TextArea).trigger('onChange', 'We ran the demo, not the direct team.' as never);
    await waitFor(() => expect(findByTestId(Button, 'dispute-submit').props.disabled).toBe(false));
    findByTestId(Button, 'dispute-submit').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { title: 'Dispute sent' })).not.toBeNull());
    expect(service.calls.find((c) => c.path.endsWith('/disputes'))?.request).toEqual({
      method: 'POST',
      body: { participantId: 'p-tailspin', reason: 'We ran the demo, not the direct team.' },
    });
  });
});
