import {
  Alert,
  Button,
  ErrorState,
  Input,
  LoadingSpinner,
  Select,
  Table,
  TextArea,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { fakeService, serviceError } from '../testing/fakeService';
import { buildFieldMapping, buildSettings } from '../testing/payloads';
import { textOf } from '../testing/renderedText';
import { SettingsView } from './SettingsView';

const PATH = '/hubspot/cards/settings';
const FIELD_MAPPING = '/hubspot/cards/settings/field-mapping';
const DIFF = '/hubspot/cards/settings/policy/diff?from=1&to=2';
const diff = {
  from: 1,
  to: 2,
  lines: [
    { op: 'removed', text: 'name: Default' },
    { op: 'added', text: 'name: Stricter incumbency' },
    { op: 'same', text: 'rules:' },
  ],
  added: 1,
  removed: 1,
};
const simulation = {
  policyName: 'Stricter incumbency',
  evaluated: 120,
  flipped: 3,
  protectionChanged: 1,
  approvalsGained: 0,
  approvalsLost: 2,
  reviewsAdded: 1,
  examples: ['reg-7 (p-fabrikam): approve → review, O-1'],
  simulationId: 'sim-1',
};

describe('Settings page', () => {
  it('When settings are loading, then a spinner shows', () => {
    const service = fakeService();
    service.hold(PATH);
    const { render, find } = createRenderer('settings');
    render(<SettingsView fetcher={service.fetcher} />);
    expect(find(LoadingSpinner).props.label).toBe('Loading Entente settings');
  });

  it('When a non-admin opens them, then the error state says why', async () => {
    const service = fakeService({
      [PATH]: serviceError(403, 'CARDS.ADMIN_ONLY', 'Only Entente admins can see and change these settings.'),
    });
    const { render, waitFor, maybeFind, find } = createRenderer('settings');
    render(<SettingsView fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(textOf(find(ErrorState))).toContain('Only Entente admins can see and change these settings.');
  });

  it('When loaded, then the policy history, the diff, the field mapping and the attribution model show', async () => {
    const service = fakeService({
      [PATH]: buildSettings(),
      [DIFF]: diff,
      [FIELD_MAPPING]: buildFieldMapping(),
    });
    const { render, waitFor, maybeFind, find, findByTestId, getRootNode } = createRenderer('settings');
    render(<SettingsView fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());
    await waitFor(() => expect(textOf(getRootNode())).toContain('1 line(s) added, 1 removed.'));
    expect(textOf(findByTestId(Table, 'policy-history'))).toContain(
      '2 Stricter incumbency 1 Nov 2026, 09:00 UTC u-admin',
    );
    await waitFor(() => expect(maybeFind(Input, { name: 'mapping-companies-domain' })).not.toBeNull());
    expect(find(Input, { name: 'mapping-companies-domain' }).props.value).toBe('website_domain');
    const text = textOf(getRootNode());
    expect(text).toContain('+ name: Stricter incumbency');
    expect(text).not.toContain('rules:');
    expect(text).toContain('Position-based 40/20/40 (version 0)');
  });

  it('When the admin edits the policy, then Publish stays locked until that exact text was simulated', async () => {
    const service = fakeService({
      [PATH]: buildSettings(),
      [DIFF]: diff,
      '/hubspot/cards/settings/policy/simulate': simulation,
      '/hubspot/cards/settings/policy': { version: 3, publishedAt: '2026-11-02T09:00:00.000Z' },
    });
    const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('settings');
    render(<SettingsView fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(TextArea)).not.toBeNull());
    expect(findByTestId(Button, 'publish').props.disabled).toBe(true);
    find(TextArea).trigger('onChange', 'name: Even stricter\n' as never);
    await waitFor(() => expect(find(TextArea).props.value).toBe('name: Even stricter\n'));
    findByTestId(Button, 'simulate').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'simulation-summary' })).not.toBeNull());
    expect(textOf(findByTestId(Alert, 'simulation-summary'))).toContain(
      'Replayed 120 past registrations: 3 would be decided differently',
    );
    await waitFor(() => expect(findByTestId(Button, 'publish').props.disabled).toBe(false));
    findByTestId(Button, 'publish').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { title: 'Version 3 is live' })).not.toBeNull());
    expect(service.calls.find((c) => c.path === '/hubspot/cards/settings/policy')?.request?.body).toEqual({
      source: 'name: Even stricter\n',
      simulationId: 'sim-1',
    });
  });

  it('When the admin picks other versions while a comparison is on its way, then the late answer is dropped', async () => {
    const service = fakeService({
      [PATH]: buildSettings(),
      '/hubspot/cards/settings/policy/diff?from=2&to=2': { from: 2, to: 2, lines: [], added: 0, removed: 0 },
    });
    service.hold(DIFF);
    const { render, waitFor, maybeFind, find, getRootNode } = createRenderer('settings');
    render(<SettingsView fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(Select, { name: 'diff-from' })).not.toBeNull());
    find(Select, { name: 'diff-from' }).trigger('onChange', 2 as never);
    await waitFor(() => expect(textOf(getRootNode())).toContain('Versions 2 and 2 are the same.'));
    service.release(DIFF, diff);
    // Let the released answer run through the hook.
    for (let tick = 0; tick < 20; tick++) await Promise.resolve();
    const text = textOf(getRootNode());
    expect(text).toContain('Versions 2 and 2 are the same.');
    expect(text).not.toContain('1 line(s) added');
  });
});
