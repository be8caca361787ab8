import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  ProgressBar,
  Select,
  TextArea,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { fakeService, serviceError } from '../testing/fakeService';
import { buildReviewCard, buildReviewRegistration } from '../testing/payloads';
import { textOf } from '../testing/renderedText';
import { RegistrationReviewView } from './RegistrationReviewView';

const PATH = '/hubspot/cards/deals/9001/registrations';
const DECIDE = '/hubspot/cards/registrations/reg-1/decision';

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
      'No partner registration on Acme platform is waiting for a decision.',
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

  it('When a registration is pending, then its evidence shows: rules, matches with reasons, conflicts and the clock', async () => {
    const service = fakeService({ [PATH]: buildReviewCard() });
    const { render, waitFor, maybeFind, findByTestId, getRootNode } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    expect(findByTestId(ProgressBar, 'review-clock-reg-1').props.title).toBe('Review clock: 24 hours left');
    const all = textOf(getRootNode());
    expect(all).toContain('R-DIRECT-OWNED: The customer has an open deal owned by a direct seller.');
    expect(all).toContain('97% match (match): domain acme.example is the same');
    expect(findByTestId(Alert, 'conflict-reg-1-0').props.title).toBe(
      'A direct seller is already working this customer',
    );
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

  it('When the rules decided automatically, then overriding needs a second approver and a ten-character reason (four eyes)', async () => {
    const registration = buildReviewRegistration({
      status: 'approved',
      mode: 'override',
      policy: { version: 1, outcome: 'approve' },
    });
    const service = fakeService({
      [PATH]: buildReviewCard({ registrations: [registration] }),
      [DECIDE]: {
        registrationId: 'reg-1',
        status: 'rejected',
        override: true,
        protectedUntil: null,
        message: 'Override recorded with a second approver. Rejected.',
      },
    });
    const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('crm.record.tab');
    render(view(service));
    await waitFor(() => expect(maybeFind(Select)).not.toBeNull());
    expect(textOf(findByTestId(Alert, 'override-notice-reg-1'))).toContain('needs a second neutral approver');
    expect(maybeFind(Button, { testId: 'decide-approve-reg-1' })).toBeNull();
    const override = () => findByTestId(Button, 'decide-override-reg-1');
    expect(override().text).toBe('Override: reject');
    find(TextArea).trigger('onChange', 'too short' as never);
    await waitFor(() => expect(find(TextArea).props.value).toBe('too short'));
    expect(override().props.disabled).toBe(true);
    find(TextArea).trigger('onChange', 'Customer confirmed the partner was never involved' as never);
    await waitFor(() => expect(find(TextArea).props.value).toContain('Customer confirmed'));
    expect(override().props.disabled).toBe(true);
    find(Select).trigger('onChange', 'u-desk' as never);
    await waitFor(() => expect(override().props.disabled).toBe(false));
    override().trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { title: 'Decision recorded' })).not.toBeNull());
    expect(service.calls.find((c) => c.path === DECIDE)?.request?.body).toEqual({
      outcome: 'reject',
      reason: 'Customer confirmed the partner was never involved',
      override: { secondApproverId: 'u-desk' },
    });
  });
});
