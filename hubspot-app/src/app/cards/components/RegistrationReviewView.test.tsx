import {
  Accordion,
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Flex,
  Link,
  Heading,
  LoadingSpinner,
  NumberInput,
  ProgressBar,
  Select,
  Table,
  TableRow,
  Tag,
  TextArea,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { fakeService, serviceError } from '../testing/fakeService';
import {
  buildConflictGroup,
  buildPartnerConflictGroup,
  buildPendingOverrideRegistration,
  buildReviewCard,
  buildReviewDispute,
  buildReviewRegistration,
} from '../testing/payloads';
import { describeTree, textOf } from '../testing/renderedText';
import { RegistrationReviewView } from './RegistrationReviewView';

const PATH = '/hubspot/cards/deals/9001/registrations';
const DECIDE = '/hubspot/cards/registrations/reg-1/decision';
const CONFIRM = '/hubspot/cards/registrations/reg-1/override-confirmation';
const DISPUTE_DECISION = '/hubspot/cards/deals/9001/disputes/dsp-1/decision';

const view = (service: ReturnType<typeof fakeService>) => (
  <RegistrationReviewView fetcher={service.fetcher} objectType="deals" objectId="9001" />
);

describe('Registration review card', () => {
  it('When the registrations are loading, then a spinner shows', () => {
    const service = fakeService();
    service.hold(PATH);
    const { render, find } = createRenderer('crm.record.tab');
    render(view(service));
    expect(find(LoadingSpinner).props.label).toBe('Loading registrations to review');
  });

  it('When nothing waits for a decision, then an empty state names the record', async () => {
    const service = fakeService({ [PATH]: buildReviewCard({ registrations: [] }) });
    const { render, find, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(EmptyState)).not.toBeNull());
    expect(textOf(find(EmptyState))).toBe(
      'No partner registration or attribution dispute on Acme platform is waiting for a decision.',
    );
  });

  it('When the service fails, then an error state offers to try again', async () => {
    const service = fakeService({
      [PATH]: serviceError(500, 'INTERNAL.ERROR', 'Something went wrong on our side; it has been logged'),
    });
    const { render, find, waitFor, maybeFind } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(find(ErrorState).props.title).toBe('Registrations are unavailable');
    expect(maybeFind(Button, { testId: 'retry' })).not.toBeNull();
  });

  it('When a registration is pending, then the verdict comes first: outcome, rule ids and when the review is due', async () => {
    const service = fakeService({ [PATH]: buildReviewCard() });
    const { render, waitFor, maybeFind, findByTestId } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    const verdict = findByTestId(Flex, 'verdict-reg-1');
    expect(textOf(verdict)).toContain('Policy version 1 said review:');
    expect(verdict.findAll(Tag).map((t) => t.text)).toEqual(['R-DIRECT-OWNED']);
    expect(findByTestId(ProgressBar, 'review-clock-reg-1').props.title).toBe(
      'Review due 3 Nov 2026, 09:00 UTC (24 hours left)',
    );
  });

  it('When a registration is pending, then the rules and matched records are in an evidence section a reviewer expands', async () => {
    const service = fakeService({ [PATH]: buildReviewCard() });
    const { render, waitFor, maybeFind, findByTestId, getRootNode } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    const evidence = findByTestId(Accordion, 'evidence-reg-1');
    expect(evidence.props.title).toBe('Evidence: 1 matched record, 1 rule');
    expect(textOf(evidence)).toContain(
      'R-DIRECT-OWNED: The customer has an open deal owned by a direct seller.',
    );
    expect(textOf(findByTestId(Flex, 'evidence-reg-1-match-0'))).toBe(
      'company Acme Corporation 97% match: domain acme.example is the same',
    );
    expect(
      evidence
        .findAll(Flex)
        .filter((f) => String(f.props.testId).startsWith('evidence-reg-1-match'))
        .map(textOf),
    ).toEqual(['company Acme Corporation 97% match: domain acme.example is the same']);
    // Folded until asked for: what the reviewer sees is the verdict, the competition and the action.
    const picture = describeTree(getRootNode());
    expect(picture).not.toContain('R-DIRECT-OWNED: The customer');
    const order = ['Policy version 1 said review', 'Competing claims (1)', '[+] Evidence', '< Approve >'];
    expect(order.map((line) => picture.indexOf(line))).toEqual(
      [...order.map((line) => picture.indexOf(line))].sort((a, b) => a - b),
    );
    expect(order.every((line) => picture.includes(line))).toBe(true);
  });

  it('When a registration runs into a seller and another partner, then it shows one block per party, each listing its records once', async () => {
    const seller = buildConflictGroup({
      records: ['d-9', 'd-10', 'd-11'].map((id) => ({
        type: 'deal' as const,
        id,
        label: `deal Acme ${id}`,
        url: `https://app.hubspot.com/contacts/990001/record/0-3/${id}`,
        why: 'an open deal they own',
      })),
    });
    const registration = buildReviewRegistration({ conflicts: [seller, buildPartnerConflictGroup()] });
    const service = fakeService({ [PATH]: buildReviewCard({ registrations: [registration] }) });
    const { render, waitFor, maybeFind, findByTestId } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    const section = findByTestId(Flex, 'review-registration-reg-1');
    const blocks = section.findAll(Alert).filter((a) => String(a.props.testId).startsWith('conflict-'));
    expect(blocks.map((b) => b.props.title)).toEqual([
      'Direct seller Sam Seller is already working this customer',
      'Fabrikam Resellers already claims this customer',
    ]);
    expect(
      findByTestId(Alert, 'conflict-reg-1-direct-u-s-2')
        .findAll(Link)
        .map((l) => l.text),
    ).toEqual(['deal Acme d-9', 'deal Acme d-10', 'deal Acme d-11']);
    // One claim per section: it does not say which claim it competes with.
    expect(textOf(section)).not.toContain('Against');
  });

  it('When the reviewer approves with a reason, then the decision is posted and confirmed', async () => {
    const service = fakeService({
      [PATH]: buildReviewCard(),
      [DECIDE]: {
        registrationId: 'reg-1',
        status: 'approved',
        override: false,
        protectedUntil: '2027-01-31T09:00:00.000Z',
        message: 'Approved. The partner is told at once and the protection window has started.',
      },
    });
    const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    expect(findByTestId(Button, 'decide-approve-reg-1').props.disabled).toBe(true);
    find(TextArea).trigger('onChange', 'Partner sourced it; seller agrees to co-sell' as never);
    await waitFor(() => expect(findByTestId(Button, 'decide-approve-reg-1').props.disabled).toBe(false));
    findByTestId(Button, 'decide-approve-reg-1').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { title: 'Decision recorded' })).not.toBeNull());
    expect(service.calls.find((c) => c.path === DECIDE)?.request).toEqual({
      method: 'POST',
      body: { outcome: 'approve', reason: 'Partner sourced it; seller agrees to co-sell' },
    });
  });

  it('When the reviewer has a stake, then they read why they cannot decide and who can, and see no decision buttons', async () => {
    const registration = buildReviewRegistration({
      neutrality: {
        canDecide: false,
        stakes: ['owns the competing deal Acme expansion'],
        reason:
          'You have a stake in the outcome (owns the competing deal Acme expansion); nobody decides a registration they are paid on.',
        assignedApprover: { userId: 'u-desk', name: 'Dana Desk', role: 'deal desk' },
        whoCan: [{ userId: 'u-desk', name: 'Dana Desk', role: 'deal desk' }],
      },
    });
    const service = fakeService({ [PATH]: buildReviewCard({ registrations: [registration] }) });
    const { render, waitFor, maybeFind, findByTestId } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() =>
      expect(maybeFind(Alert, { title: 'You cannot decide this registration' })).not.toBeNull(),
    );
    expect(textOf(findByTestId(Alert, 'not-neutral-reg-1'))).toBe(
      'You have a stake in the outcome (owns the competing deal Acme expansion); nobody decides a registration they are paid on. Dana Desk is assigned to decide it.',
    );
    expect(maybeFind(TextArea)).toBeNull();
    expect(maybeFind(Button, { testId: 'decide-approve-reg-1' })).toBeNull();
  });

  it('When the service refuses a decision as not neutral, then the card says so in words', async () => {
    const service = fakeService({
      [PATH]: buildReviewCard(),
      [DECIDE]: serviceError(
        403,
        'GOVERNANCE.NOT_NEUTRAL',
        'Priya Patel cannot decide this registration: manages the partner Tailspin Toys.',
      ),
    });
    const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    find(TextArea).trigger('onChange', 'ok' as never);
    await waitFor(() => expect(findByTestId(Button, 'decide-reject-reg-1').props.disabled).toBe(false));
    findByTestId(Button, 'decide-reject-reg-1').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { title: 'The decision was not recorded' })).not.toBeNull());
    expect(textOf(findByTestId(Alert, 'decision-error-reg-1'))).toContain(
      'manages the partner Tailspin Toys',
    );
  });

  it('When the rules decided automatically, then a reviewer proposes an override with a ten-character reason and picks nobody: a second person confirms it later', async () => {
    const registration = buildReviewRegistration({
      status: 'approved',
      mode: 'override',
      policy: { version: 1, outcome: 'approve' },
      clock: null,
      protection: {
        label: 'Protection window',
        startsAt: '2026-11-01T09:00:00.000Z',
        endsAt: '2027-01-30T09:00:00.000Z',
        percentUsed: 1,
        hoursLeft: 2136,
        overdue: false,
      },
    });
    const message =
      'Override proposed. A second neutral partner manager, deal desk member or admin must confirm it before it takes effect; until then the automatic decision stands.';
    const service = fakeService({
      [PATH]: buildReviewCard({ registrations: [registration] }),
      [DECIDE]: {
        registrationId: 'reg-1',
        status: 'pending_second_approval',
        override: true,
        protectedUntil: '2027-01-30T09:00:00.000Z',
        message,
      },
    });
    const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    expect(findByTestId(ProgressBar, 'protection-window-reg-1').props.title).toBe(
      'Protected until 30 Jan 2027 (89 days left)',
    );
    expect(maybeFind(ProgressBar, { testId: 'review-clock-reg-1' })).toBeNull();
    const notice = textOf(findByTestId(Alert, 'override-notice-reg-1'));
    expect(notice).toContain('needs a written reason of at least 10 characters');
    expect(notice).toContain(
      'A second neutral person must then confirm it from their own card before it takes effect; until then the automatic decision stands.',
    );
    // Nobody is named as the second approver: the second approver acts on their own.
    expect(maybeFind(Select)).toBeNull();
    expect(maybeFind(Button, { testId: 'decide-approve-reg-1' })).toBeNull();
    const propose = () => findByTestId(Button, 'decide-override-reg-1');
    expect(propose().text).toBe('Propose override: reject');
    find(TextArea).trigger('onChange', 'too short' as never);
    await waitFor(() => expect(find(TextArea).props.value).toBe('too short'));
    expect(propose().props.disabled).toBe(true);
    find(TextArea).trigger('onChange', 'Customer confirmed the partner was never involved' as never);
    await waitFor(() => expect(propose().props.disabled).toBe(false));
    propose().trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { title: 'Override proposed' })).not.toBeNull());
    expect(textOf(findByTestId(Alert, 'decision-done-reg-1'))).toBe(message);
    expect(service.calls.find((c) => c.path === DECIDE)?.request).toEqual({
      method: 'POST',
      body: { outcome: 'reject', reason: 'Customer confirmed the partner was never involved' },
    });
  });

  describe('an override waiting for a second person', () => {
    const card = (overrides: Parameters<typeof buildPendingOverrideRegistration>[0] = {}) =>
      buildReviewCard({ registrations: [buildPendingOverrideRegistration(overrides)] });

    it('When a second neutral person opens it, then they read who proposed what and why, and until when', async () => {
      const service = fakeService({ [PATH]: card() });
      const { render, waitFor, maybeFind, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
      const proposal = findByTestId(Alert, 'proposed-override-reg-1');
      expect(proposal.props.title).toBe('Priya Patel proposes to reject this registration');
      expect(textOf(proposal)).toBe(
        'The rules approved it automatically; Priya Patel proposed overriding them on 2 Nov 2026, 08:00 UTC: "Customer confirmed the partner was never involved". Unless a second neutral person confirms it by 4 Nov 2026, 08:00 UTC, the proposal lapses and the automatic decision stands.',
      );
      expect(findByTestId(ProgressBar, 'second-approval-clock-reg-1').props.title).toBe(
        'Second approval due 4 Nov 2026, 08:00 UTC (47 hours left)',
      );
      expect(findByTestId(Button, 'confirm-override-reg-1').text).toBe('Confirm override: reject');
      expect(findByTestId(Button, 'confirm-override-reg-1').props.disabled).toBe(true);
      expect(findByTestId(Button, 'decline-override-reg-1').props.disabled).toBe(true);
      expect(maybeFind(Button, { testId: 'decide-approve-reg-1' })).toBeNull();
    });

    it('When the second person confirms with a reason, then the confirmation is posted to its own path and its message shown', async () => {
      const service = fakeService({
        [PATH]: card(),
        [CONFIRM]: {
          registrationId: 'reg-1',
          status: 'rejected',
          override: 'confirmed',
          protectedUntil: null,
          message: 'Override confirmed. Both of you are recorded on the decision.',
        },
      });
      const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
      find(TextArea).trigger('onChange', 'Checked with the customer myself' as never);
      await waitFor(() => expect(findByTestId(Button, 'confirm-override-reg-1').props.disabled).toBe(false));
      findByTestId(Button, 'confirm-override-reg-1').trigger('onClick');
      await waitFor(() => expect(maybeFind(Alert, { title: 'Decision recorded' })).not.toBeNull());
      expect(textOf(findByTestId(Alert, 'decision-done-reg-1'))).toBe(
        'Override confirmed. Both of you are recorded on the decision.',
      );
      expect(service.calls.filter((c) => c.path !== PATH)).toEqual([
        {
          path: CONFIRM,
          request: {
            method: 'POST',
            body: { decision: 'confirm', reason: 'Checked with the customer myself' },
          },
        },
      ]);
    });

    it('When the second person declines with a reason, then the decline is posted and the automatic decision is said to stand', async () => {
      const service = fakeService({
        [PATH]: card(),
        [CONFIRM]: {
          registrationId: 'reg-1',
          status: 'approved',
          override: 'declined',
          protectedUntil: '2027-01-30T09:00:00.000Z',
          message: 'Override declined. The automatic decision stands.',
        },
      });
      const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
      find(TextArea).trigger('onChange', 'The partner did introduce them' as never);
      await waitFor(() => expect(findByTestId(Button, 'decline-override-reg-1').props.disabled).toBe(false));
      findByTestId(Button, 'decline-override-reg-1').trigger('onClick');
      await waitFor(() => expect(maybeFind(Alert, { title: 'Decision recorded' })).not.toBeNull());
      expect(textOf(findByTestId(Alert, 'decision-done-reg-1'))).toBe(
        'Override declined. The automatic decision stands.',
      );
      expect(service.calls.find((c) => c.path === CONFIRM)?.request).toEqual({
        method: 'POST',
        body: { decision: 'decline', reason: 'The partner did introduce them' },
      });
    });

    it('When the proposer opens it, then they read why they cannot confirm it and who can, and see no buttons', async () => {
      const service = fakeService({
        [PATH]: card({
          neutrality: {
            canDecide: false,
            stakes: [],
            reason: 'You proposed this override; a second, different person must confirm it.',
            assignedApprover: null,
            whoCan: [{ userId: 'u-desk', name: 'Dana Desk', role: 'deal desk' }],
          },
        }),
      });
      const { render, waitFor, maybeFind, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(Alert, { testId: 'not-neutral-reg-1' })).not.toBeNull());
      const refusal = findByTestId(Alert, 'not-neutral-reg-1');
      expect(refusal.props.title).toBe('You cannot confirm this override');
      expect(textOf(refusal)).toBe(
        'You proposed this override; a second, different person must confirm it. It can be confirmed by Dana Desk.',
      );
      // The proposal itself stays readable: the proposer sees what waits and until when.
      expect(maybeFind(Alert, { testId: 'proposed-override-reg-1' })).not.toBeNull();
      expect(maybeFind(TextArea)).toBeNull();
      expect(maybeFind(Button, { testId: 'confirm-override-reg-1' })).toBeNull();
      expect(maybeFind(Button, { testId: 'decline-override-reg-1' })).toBeNull();
    });

    it('When the service refuses the proposer as the second approver, then the card says so in words', async () => {
      const service = fakeService({
        [PATH]: card(),
        [CONFIRM]: serviceError(
          403,
          'GOVERNANCE.SAME_APPROVER',
          'The person who proposed an override cannot also confirm it: a second, different person must.',
        ),
      });
      const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
      find(TextArea).trigger('onChange', 'Agreed' as never);
      await waitFor(() => expect(findByTestId(Button, 'confirm-override-reg-1').props.disabled).toBe(false));
      findByTestId(Button, 'confirm-override-reg-1').trigger('onClick');
      await waitFor(() =>
        expect(maybeFind(Alert, { title: 'The decision was not recorded' })).not.toBeNull(),
      );
      expect(textOf(findByTestId(Alert, 'decision-error-reg-1'))).toBe(
        'The person who proposed an override cannot also confirm it: a second, different person must.',
      );
      expect(maybeFind(Alert, { title: 'Decision recorded' })).toBeNull();
    });
  });

  describe('disputes of the deal’s credit', () => {
    const card = (overrides: Parameters<typeof buildReviewDispute>[0] = {}) =>
      buildReviewCard({ registrations: [], disputes: [buildReviewDispute(overrides)] });
    const upheld = {
      id: 'dsp-1',
      state: 'upheld',
      deadline: '2026-11-10T09:00:00.000Z',
      appliedRevision: 2,
      splits: [
        { participantId: 'p-northwind', name: 'Northwind', share: '50%', shareBp: 5000 },
        { participantId: 'p-contoso', name: 'Contoso', share: '50%', shareBp: 5000 },
      ],
      message:
        'Upheld. Revision 2 of the deal’s credit is Northwind 50%, Contoso 50%; HubSpot shows it once the write-back has run.',
    };

    it('When a deal has a live dispute, then it shows under Disputes, verdict first: what is disputed and the split upholding gives, then the clock, then the actions', async () => {
      const service = fakeService({ [PATH]: card() });
      const { render, waitFor, maybeFind, find, findByTestId, getRootNode } =
        createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(Flex, { testId: 'dispute-dsp-1' })).not.toBeNull());
      expect(find(Heading).text).toBe('Disputes');
      const verdict = textOf(findByTestId(Flex, 'dispute-verdict-dsp-1'));
      expect(verdict).toContain(
        'Raised by Contoso (the partner) on 31 Oct 2026, 09:00 UTC: "We ran two demos, not one"',
      );
      expect(verdict).toContain(
        'Remedy: Set Contoso to 50%; the rest goes to the others in proportion to what they had.',
      );
      expect(
        findByTestId(Flex, 'dispute-verdict-dsp-1')
          .findAll(TableRow)
          .map((row) => textOf(row)),
      ).toEqual(['Participant Now If upheld', 'Northwind 60% 50%', 'Contoso 40% 50%']);
      expect(findByTestId(ProgressBar, 'dispute-clock-dsp-1').props.title).toBe(
        'Decision due 10 Nov 2026, 09:00 UTC (8 days left)',
      );
      const picture = describeTree(getRootNode());
      const order = [
        '== Disputes ==',
        'Contoso’s 40% share is disputed',
        'Northwind | 60% | 50%',
        'Decision due 10 Nov 2026',
        '< Uphold >',
      ];
      expect(order.every((line) => picture.includes(line))).toBe(true);
      expect(order.map((line) => picture.indexOf(line))).toEqual(
        [...order.map((line) => picture.indexOf(line))].sort((a, b) => a - b),
      );
      // Nobody is asked for a share: the dispute names its own remedy.
      expect(maybeFind(NumberInput)).toBeNull();
    });

    it('When the reviewer upholds it with a reason, then the decision is posted to the dispute’s path and the new split confirmed', async () => {
      const service = fakeService({ [PATH]: card(), [DISPUTE_DECISION]: upheld });
      const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
      const uphold = () => findByTestId(Button, 'dispute-uphold-dsp-1');
      expect(uphold().props.disabled).toBe(true);
      find(TextArea).trigger('onChange', 'A second demo is in the CRM' as never);
      await waitFor(() => expect(uphold().props.disabled).toBe(false));
      uphold().trigger('onClick');
      await waitFor(() => expect(maybeFind(Alert, { title: 'Dispute upheld' })).not.toBeNull());
      expect(service.calls.filter((c) => c.path !== PATH)).toEqual([
        {
          path: DISPUTE_DECISION,
          request: { method: 'POST', body: { action: 'uphold', reason: 'A second demo is in the CRM' } },
        },
      ]);
      expect(textOf(findByTestId(Alert, 'dispute-done-dsp-1'))).toBe(upheld.message);
      // Decided: nothing is left to press.
      expect(maybeFind(Button, { testId: 'dispute-uphold-dsp-1' })).toBeNull();
      expect(maybeFind(Button, { testId: 'dispute-reject-dsp-1' })).toBeNull();
    });

    it('When a dispute names no remedy, then upholding it asks for the disputed share and posts it as a split', async () => {
      const service = fakeService({
        [PATH]: card({ remedy: null, proposed: null }),
        [DISPUTE_DECISION]: upheld,
      });
      const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
      expect(textOf(findByTestId(Flex, 'dispute-verdict-dsp-1'))).toContain(
        'It names no remedy: whoever upholds it names the share it should have.',
      );
      const uphold = () => findByTestId(Button, 'dispute-uphold-dsp-1');
      find(TextArea).trigger('onChange', 'A second demo is in the CRM' as never);
      await waitFor(() => expect(find(TextArea).props.value).toBe('A second demo is in the CRM'));
      // A reason is not enough to uphold: the share is what upholding sets. Rejecting needs none.
      expect(uphold().props.disabled).toBe(true);
      expect(findByTestId(Button, 'dispute-reject-dsp-1').props.disabled).toBe(false);
      expect(find(NumberInput).props.label).toBe('Contoso’s share if upheld (%)');
      find(NumberInput).trigger('onChange', 50 as never);
      await waitFor(() => expect(uphold().props.disabled).toBe(false));
      uphold().trigger('onClick');
      await waitFor(() => expect(maybeFind(Alert, { title: 'Dispute upheld' })).not.toBeNull());
      expect(service.calls.find((c) => c.path === DISPUTE_DECISION)?.request).toEqual({
        method: 'POST',
        body: {
          action: 'uphold',
          reason: 'A second demo is in the CRM',
          remedy: { kind: 'split', shares: [{ participantId: 'p-contoso', percent: 50 }] },
        },
      });
    });

    it('When the reviewer starts the review, then it is posted and Uphold and Reject take its place', async () => {
      const service = fakeService({
        [PATH]: card({ state: 'open', actions: ['start_review'] }),
        [DISPUTE_DECISION]: {
          ...upheld,
          state: 'under_review',
          appliedRevision: null,
          splits: null,
          message:
            'Review started. Uphold or reject it before its deadline; the split stays as it is until then.',
        },
      });
      const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
      expect(maybeFind(Button, { testId: 'dispute-uphold-dsp-1' })).toBeNull();
      find(TextArea).trigger('onChange', 'Checking the CRM' as never);
      await waitFor(() =>
        expect(findByTestId(Button, 'dispute-start-review-dsp-1').props.disabled).toBe(false),
      );
      findByTestId(Button, 'dispute-start-review-dsp-1').trigger('onClick');
      await waitFor(() => expect(maybeFind(Alert, { title: 'Review started' })).not.toBeNull());
      expect(service.calls.find((c) => c.path === DISPUTE_DECISION)?.request).toEqual({
        method: 'POST',
        body: { action: 'start_review', reason: 'Checking the CRM' },
      });
      expect(maybeFind(Button, { testId: 'dispute-start-review-dsp-1' })).toBeNull();
      // The next step asks for its own reason.
      expect(find(TextArea).props.value).toBe('');
      expect(findByTestId(Button, 'dispute-uphold-dsp-1').props.disabled).toBe(true);
      expect(maybeFind(Button, { testId: 'dispute-reject-dsp-1' })).not.toBeNull();
    });

    it('When the viewer has a stake, then they read the blocked reason and see no buttons', async () => {
      const reason =
        'You cannot adjudicate this dispute: you own the deal d-won and are credited on its splits';
      const service = fakeService({ [PATH]: card({ actions: [], blockedReason: reason }) });
      const { render, waitFor, maybeFind, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(Flex, { testId: 'dispute-dsp-1' })).not.toBeNull());
      const blocked = findByTestId(Alert, 'dispute-blocked-dsp-1');
      expect(blocked.props.title).toBe('You cannot decide this dispute');
      expect(textOf(blocked)).toBe(reason);
      // What is disputed stays readable; only the actions are gone.
      expect(maybeFind(Table, { testId: 'dispute-proposed-dsp-1' })).not.toBeNull();
      expect(maybeFind(TextArea)).toBeNull();
      expect(maybeFind(Button)).toBeNull();
    });

    it('When the service refuses the decision as not neutral, then the card says so in words', async () => {
      const service = fakeService({
        [PATH]: card(),
        [DISPUTE_DECISION]: serviceError(
          403,
          'GOVERNANCE.NOT_NEUTRAL',
          'You cannot adjudicate this dispute: you manage Northwind, whose credit on deal d-won the outcome changes',
        ),
      });
      const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
      render(view(service));
      await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
      find(TextArea).trigger('onChange', 'Looks right' as never);
      await waitFor(() => expect(findByTestId(Button, 'dispute-reject-dsp-1').props.disabled).toBe(false));
      findByTestId(Button, 'dispute-reject-dsp-1').trigger('onClick');
      await waitFor(() =>
        expect(maybeFind(Alert, { title: 'The decision was not recorded' })).not.toBeNull(),
      );
      expect(textOf(findByTestId(Alert, 'dispute-error-dsp-1'))).toBe(
        'You cannot adjudicate this dispute: you manage Northwind, whose credit on deal d-won the outcome changes',
      );
      expect(maybeFind(Alert, { title: 'Dispute rejected' })).toBeNull();
    });
  });
});
