import { Alert, Button, EmptyState, ErrorState, Input, LoadingSpinner, Table } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import type { ServiceRequest } from '../utils/fetchFromService';
import { fakeService, serviceError } from '../testing/fakeService';
import { buildFieldMapping, buildFieldMappingPreview } from '../testing/payloads';
import { textOf } from '../testing/renderedText';
import { FieldMapping } from './FieldMapping';

const MAPPING = '/hubspot/cards/settings/field-mapping';
const PREVIEW = '/hubspot/cards/settings/field-mapping/preview';

const saved = {
  version: 2,
  previousVersion: 1,
  overrides: { deals: { name: 'x_deal_title' }, companies: { domain: 'website_domain' } },
  mapping: {},
  changedBy: 'u-admin',
  changedAt: '2026-11-02T10:00:00.000Z',
  changed: true,
  history: [
    {
      version: 2,
      overrides: { deals: { name: 'x_deal_title' }, companies: { domain: 'website_domain' } },
      changedBy: { userId: 'u-admin', name: 'Ada Admin' },
      changedAt: '2026-11-02T10:00:00.000Z',
    },
    ...buildFieldMapping().history,
  ],
};

/** GET and PUT share the path: the fake answers each by method. */
const mappingAnswer =
  (put: unknown = saved) =>
  (request: ServiceRequest | undefined) =>
    request?.method === 'PUT' ? put : buildFieldMapping();

const renderLoaded = async (answers: Record<string, unknown> = {}) => {
  const service = fakeService({
    [MAPPING]: mappingAnswer(),
    [PREVIEW]: buildFieldMappingPreview(),
    ...answers,
  });
  const renderer = createRenderer('settings');
  renderer.render(<FieldMapping fetcher={service.fetcher} />);
  await renderer.waitFor(() =>
    expect(renderer.maybeFind(Input, { name: 'mapping-deals-name' })).not.toBeNull(),
  );
  return { service, ...renderer };
};

type Loaded = Awaited<ReturnType<typeof renderLoaded>>;

const typeInto = async ({ find, waitFor }: Pick<Loaded, 'find' | 'waitFor'>, name: string, value: string) => {
  find(Input, { name }).trigger('onChange', value as never);
  await waitFor(() => expect(find(Input, { name }).props.value).toBe(value));
};

const previewNow = async ({ findByTestId, waitFor }: Pick<Loaded, 'findByTestId' | 'waitFor'>) => {
  findByTestId(Button, 'preview-mapping').trigger('onClick');
  await waitFor(() => expect(findByTestId(Button, 'preview-mapping').props.disabled).toBe(false));
};

describe('Field mapping', () => {
  it('When the mapping is loading, then a spinner shows', () => {
    const service = fakeService();
    service.hold(MAPPING);
    const { render, find } = createRenderer('settings');
    render(<FieldMapping fetcher={service.fetcher} />);
    expect(find(LoadingSpinner).props.label).toBe('Loading the field mapping');
  });

  it('When it loads, then each field shows its property and accepted types, and the versions are listed', async () => {
    const { find, findByTestId, getRootNode } = await renderLoaded();
    expect(find(Input, { name: 'mapping-deals-name' }).props.value).toBe('dealname');
    expect(find(Input, { name: 'mapping-companies-domain' }).props.value).toBe('website_domain');
    expect(textOf(findByTestId(Table, 'field-mapping-deals'))).toContain('Close date date, datetime');
    expect(textOf(findByTestId(Table, 'field-mapping-companies'))).toContain('Domain custom');
    expect(textOf(findByTestId(Table, 'field-mapping-history'))).toContain(
      '1 companies.domain → website_domain 15 Oct 2026, 09:00 UTC Ada Admin',
    );
    expect(textOf(getRootNode())).toContain('Version 1');
    expect(findByTestId(Button, 'save-mapping').props.disabled).toBe(true);
  });

  it('When the mapping was never changed, then the versions say so', async () => {
    const current = { ...buildFieldMapping().current, version: null, changedBy: null, changedAt: null };
    const { getRootNode, maybeFind, find } = await renderLoaded({
      [MAPPING]: buildFieldMapping({ current, history: [] }),
    });
    expect(maybeFind(Table, { testId: 'field-mapping-history' })).toBeNull();
    expect(find(EmptyState).props.title).toBe('No saved versions yet');
    expect(textOf(getRootNode())).toContain('HubSpot standard properties Never changed');
  });

  it('When an admin edits a field and previews, then the overrides are sent and the sample records show', async () => {
    const loaded = await renderLoaded();
    await typeInto(loaded, 'mapping-deals-name', 'x_deal_title');
    await previewNow(loaded);
    expect(loaded.service.calls.find((c) => c.path === PREVIEW)?.request).toEqual({
      method: 'POST',
      body: { deals: { name: 'x_deal_title' }, companies: { domain: 'website_domain' } },
    });
    expect(textOf(loaded.findByTestId(Table, 'preview-deals'))).toContain(
      '9001 Contoso renewal $12,500 1 Dec 2026',
    );
    expect(textOf(loaded.findByTestId(Table, 'preview-companies'))).toContain(
      '501 Contoso contoso.example Software 1200 — Seattle, US',
    );
    expect(textOf(loaded.getRootNode())).toContain('HubSpot has no contacts to read yet.');
    expect(loaded.findByTestId(Button, 'save-mapping').props.disabled).toBe(false);

    // Any further edit is a mapping nobody has previewed.
    await typeInto(loaded, 'mapping-deals-name', 'x_other');
    expect(loaded.findByTestId(Button, 'save-mapping').props.disabled).toBe(true);
    expect(loaded.maybeFind(Table, { testId: 'preview-deals' })).toBeNull();
  });

  it('When a field goes back to its standard property, then it is no longer sent as an override', async () => {
    const loaded = await renderLoaded();
    await typeInto(loaded, 'mapping-companies-domain', 'domain');
    await previewNow(loaded);
    expect(loaded.service.calls.find((c) => c.path === PREVIEW)?.request?.body).toEqual({});
  });

  it('When HubSpot has the property with the wrong type, then the message shows next to that field and Save stays off', async () => {
    const loaded = await renderLoaded({
      [PREVIEW]: serviceError(400, 'CRM.MAPPING_INVALID', 'The field mapping cannot be used: …', [
        {
          objectType: 'deals',
          field: 'amount',
          property: 'x_amount_text',
          problem: 'wrong_type',
          type: 'string',
          accepted: ['number'],
        },
      ]),
    });
    await typeInto(loaded, 'mapping-deals-amount', 'x_amount_text');
    await previewNow(loaded);
    const amount = loaded.find(Input, { name: 'mapping-deals-amount' });
    expect(amount.props.error).toBe(true);
    expect(amount.props.validationMessage).toBe(
      '"x_amount_text" is of type string; this field takes number.',
    );
    expect(loaded.find(Input, { name: 'mapping-deals-name' }).props.error).toBe(false);
    expect(loaded.findByTestId(Alert, 'field-mapping-error').props.title).toBe(
      'The mapping cannot be previewed',
    );
    expect(loaded.findByTestId(Button, 'save-mapping').props.disabled).toBe(true);

    // Once the field holds something else, the old complaint no longer applies to it.
    await typeInto(loaded, 'mapping-deals-amount', 'amount');
    expect(loaded.find(Input, { name: 'mapping-deals-amount' }).props.validationMessage).toBeUndefined();
  });

  it('When a property is missing or not a name at all, then each field says so', async () => {
    const loaded = await renderLoaded({
      [PREVIEW]: serviceError(400, 'CRM.MAPPING_INVALID', 'The field mapping is invalid', [
        { path: 'contacts.email', message: 'a HubSpot property name (letters, digits, underscores)' },
      ]),
    });
    await typeInto(loaded, 'mapping-contacts-email', 'e mail');
    await previewNow(loaded);
    expect(loaded.find(Input, { name: 'mapping-contacts-email' }).props.validationMessage).toBe(
      'Not a property name: a HubSpot property name (letters, digits, underscores).',
    );
  });

  it('When the admin saves after a preview, then the PUT carries the previewed mapping and the new version shows', async () => {
    const loaded = await renderLoaded();
    await typeInto(loaded, 'mapping-deals-name', 'x_deal_title');
    await previewNow(loaded);
    loaded.findByTestId(Button, 'save-mapping').trigger('onClick');
    await loaded.waitFor(() =>
      expect(loaded.maybeFind(Alert, { testId: 'field-mapping-saved' })).not.toBeNull(),
    );
    expect(loaded.findByTestId(Alert, 'field-mapping-saved').props.title).toBe('Version 2 is in force');
    const puts = loaded.service.calls.filter((c) => c.request?.method === 'PUT');
    expect(puts).toEqual([
      {
        path: MAPPING,
        request: {
          method: 'PUT',
          body: { deals: { name: 'x_deal_title' }, companies: { domain: 'website_domain' } },
        },
      },
    ]);
    expect(textOf(loaded.findByTestId(Table, 'field-mapping-history'))).toMatch(
      /^Version .* 2 deals\.name → x_deal_title, companies\.domain → website_domain 2 Nov 2026, 10:00 UTC Ada Admin 1 /,
    );
    expect(loaded.findByTestId(Button, 'save-mapping').props.disabled).toBe(true);
  });

  it('When the save is refused, then the reason shows and nothing claims to be saved', async () => {
    const loaded = await renderLoaded({
      [MAPPING]: mappingAnswer(
        serviceError(403, 'CARDS.ADMIN_ONLY', 'Only Entente admins can see and change these settings.'),
      ),
    });
    await typeInto(loaded, 'mapping-deals-name', 'x_deal_title');
    await previewNow(loaded);
    loaded.findByTestId(Button, 'save-mapping').trigger('onClick');
    await loaded.waitFor(() =>
      expect(loaded.maybeFind(Alert, { testId: 'field-mapping-error' })).not.toBeNull(),
    );
    expect(textOf(loaded.findByTestId(Alert, 'field-mapping-error'))).toContain(
      'Only Entente admins can see and change these settings.',
    );
    expect(loaded.maybeFind(Alert, { testId: 'field-mapping-saved' })).toBeNull();
  });

  it('When loading fails, then an error state offers a retry that loads the mapping', async () => {
    const service = fakeService({
      [MAPPING]: serviceError(503, 'SERVICE.UNAVAILABLE', 'The service is restarting.'),
    });
    const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('settings');
    render(<FieldMapping fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(find(ErrorState).props.title).toBe('The field mapping is unavailable');
    service.answers[MAPPING] = mappingAnswer();
    findByTestId(Button, 'retry-field-mapping').trigger('onClick');
    await waitFor(() => expect(maybeFind(Input, { name: 'mapping-deals-name' })).not.toBeNull());
    expect(maybeFind(ErrorState)).toBeNull();
    expect(service.calls.filter((c) => c.path === MAPPING)).toHaveLength(2);
  });
});
