import {
  Accordion,
  Alert,
  Button,
  ErrorState,
  Input,
  Link,
  LoadingSpinner,
  MultiSelect,
  Table,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { fakeService, serviceError } from '../testing/fakeService';
import { buildPartner, buildPeople, buildSettings, buildUser } from '../testing/payloads';
import { everythingUnder, textOf } from '../testing/renderedText';
import { PeopleAndPartners } from './PeopleAndPartners';
import { SettingsView } from './SettingsView';

const PEOPLE = '/hubspot/cards/settings/people';
const PARTNERS = '/hubspot/cards/settings/partners';
const roles = (userId: string) => `/hubspot/cards/settings/users/${userId}/roles`;
const keys = (partnerId: string) => `/hubspot/cards/settings/partners/${partnerId}/keys`;
const API_KEY = '/hubspot/cards/settings/api-key';

/** Renders the section and waits until the directory has loaded. */
const renderLoaded = async (answers: Record<string, unknown>) => {
  const service = fakeService({ [PEOPLE]: buildPeople(), ...answers });
  const renderer = createRenderer('settings');
  renderer.render(<PeopleAndPartners fetcher={service.fetcher} />);
  await renderer.waitFor(() =>
    expect(renderer.maybeFind(Table, { testId: 'partners-table' })).not.toBeNull(),
  );
  return { service, ...renderer };
};

type Loaded = Awaited<ReturnType<typeof renderLoaded>>;

const openPartnerForm = async ({
  findByTestId,
  waitFor,
  maybeFind,
}: Pick<Loaded, 'findByTestId' | 'waitFor' | 'maybeFind'>) => {
  findByTestId(Button, 'add-partner').trigger('onClick');
  await waitFor(() => expect(maybeFind(Input, { name: 'partner-name' })).not.toBeNull());
};

/** Fills the add-partner form as an admin would (valid unless overridden) and waits for it to settle. */
const fillPartnerForm = async (
  find: Loaded['find'],
  waitFor: Loaded['waitFor'],
  { name = 'Northwind Traders', tier = 'Silver', motions = ['referral'], domains = 'northwind.example' } = {},
) => {
  find(Input, { name: 'partner-name' }).trigger('onChange', name as never);
  find(Input, { name: 'partner-tier' }).trigger('onChange', tier as never);
  find(MultiSelect, { name: 'partner-motions' }).trigger('onChange', motions as never);
  find(Input, { name: 'partner-domains' }).trigger('onChange', domains as never);
  await waitFor(() => expect(find(Input, { name: 'partner-domains' }).props.value).toBe(domains));
};

describe('People and partners', () => {
  it('When the section is loading, then a spinner shows', () => {
    const service = fakeService();
    service.hold(PEOPLE);
    const { render, find } = createRenderer('settings');
    render(<PeopleAndPartners fetcher={service.fetcher} />);
    expect(find(LoadingSpinner).props.label).toBe('Loading people and partners');
  });

  it('When it loads, then active users have editable roles, inactive users are apart, and partners show their keys', async () => {
    const { findByTestId, find } = await renderLoaded({});
    const rolesTable = textOf(findByTestId(Table, 'roles-table'));
    expect(rolesTable).toContain('Ada Admin ada@contoso.example');
    expect(rolesTable).toContain('Priya Patel priya@contoso.example');
    expect(rolesTable).not.toContain('Gil Gone');
    expect(findByTestId(MultiSelect, 'roles-u-pm-1').props.value).toEqual(['partner_manager']);
    expect(findByTestId(MultiSelect, 'roles-u-pm-1').props.options.map((o) => o.value)).toEqual([
      'admin',
      'partner_manager',
      'deal_desk',
      'sales_manager',
      'seller',
    ]);
    expect(find(Accordion).props.title).toBe('Inactive users (1)');
    expect(textOf(findByTestId(Table, 'inactive-users-table'))).toContain(
      'Gil Gone gil@contoso.example Seller',
    );

    const partners = textOf(findByTestId(Table, 'partners-table'));
    expect(partners).toContain(
      'Tailspin Toys Gold Referral, Resale tailspin.example CRM sync Active since 1 Oct 2026 Old portal Revoked 1 Sep 2026',
    );
    expect(partners).toContain(
      'Fabrikam Silver Services fabrikam.example, fabrikam-consulting.example No keys',
    );
  });

  it('When a partner is inactive, then it is listed after the active ones and cannot get a key', async () => {
    const { findByTestId, maybeFind } = await renderLoaded({
      [PEOPLE]: buildPeople({
        partners: [buildPartner({ id: 'p-old', name: 'Old Partner', active: false }), buildPartner()],
      }),
    });
    expect(textOf(findByTestId(Table, 'partners-table'))).toMatch(/Tailspin Toys.*Old Partner.*Inactive/);
    expect(maybeFind(Button, { testId: 'issue-key-p-old' })).toBeNull();
  });

  it('When the tenant has no partners yet, then the empty state invites adding one', async () => {
    const service = fakeService({ [PEOPLE]: buildPeople({ partners: [] }) });
    const { render, waitFor, maybeFind, findByTestId } = createRenderer('settings');
    render(<PeopleAndPartners fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(Button, { testId: 'add-partner' })).not.toBeNull());
    expect(textOf(findByTestId(Table, 'roles-table'))).toContain('Priya Patel');
    expect(maybeFind(Table, { testId: 'partners-table' })).toBeNull();
  });

  it('When an admin changes a role, then the PUT carries the new roles and the row says it was saved', async () => {
    const { service, findByTestId, waitFor, maybeFind } = await renderLoaded({
      [roles('u-pm-1')]: {
        user: buildUser({ roles: ['partner_manager', 'deal_desk'] }),
        previousRoles: ['partner_manager'],
        changed: true,
      },
    });
    expect(findByTestId(Button, 'save-roles-u-pm-1').props.disabled).toBe(true);
    findByTestId(MultiSelect, 'roles-u-pm-1').trigger('onChange', ['partner_manager', 'deal_desk'] as never);
    await waitFor(() => expect(findByTestId(Button, 'save-roles-u-pm-1').props.disabled).toBe(false));
    findByTestId(Button, 'save-roles-u-pm-1').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'roles-outcome-u-pm-1' })).not.toBeNull());
    const outcome = findByTestId(Alert, 'roles-outcome-u-pm-1');
    expect(outcome.props.variant).toBe('success');
    expect(outcome.props.title).toBe('Roles saved for Priya Patel');
    expect(textOf(outcome)).toBe('Now Partner manager, Deal desk (was Partner manager).');
    expect(service.calls.find((c) => c.path === roles('u-pm-1'))?.request).toEqual({
      method: 'PUT',
      body: { roles: ['partner_manager', 'deal_desk'] },
    });
    // Saved: the row now holds the service's roles, so there is nothing left to save.
    expect(findByTestId(MultiSelect, 'roles-u-pm-1').props.value).toEqual(['partner_manager', 'deal_desk']);
    expect(findByTestId(Button, 'save-roles-u-pm-1').props.disabled).toBe(true);
  });

  it('When the change would remove the last admin, then the page says the tenant must keep an admin', async () => {
    const { findByTestId, waitFor, maybeFind } = await renderLoaded({
      [roles('u-admin')]: serviceError(409, 'ROLES.LAST_ADMIN', 'u-admin is the last admin.'),
    });
    findByTestId(MultiSelect, 'roles-u-admin').trigger('onChange', ['seller'] as never);
    await waitFor(() => expect(findByTestId(Button, 'save-roles-u-admin').props.disabled).toBe(false));
    findByTestId(Button, 'save-roles-u-admin').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'roles-outcome-u-admin' })).not.toBeNull());
    const outcome = findByTestId(Alert, 'roles-outcome-u-admin');
    expect(outcome.props.variant).toBe('error');
    expect(outcome.props.title).toBe('Ada Admin keeps the admin role');
    expect(textOf(outcome)).toContain('Your Entente tenant must always keep at least one admin.');
  });

  it('When every role is removed from a row, then Save stays off and the row asks for one', async () => {
    const { findByTestId, waitFor } = await renderLoaded({});
    findByTestId(MultiSelect, 'roles-u-pm-1').trigger('onChange', [] as never);
    await waitFor(() =>
      expect(findByTestId(MultiSelect, 'roles-u-pm-1').props.validationMessage).toBe(
        'Pick at least one role.',
      ),
    );
    expect(findByTestId(Button, 'save-roles-u-pm-1').props.disabled).toBe(true);
  });

  it('When an admin adds a partner, then the POST carries the form and the partner appears in the list', async () => {
    const { service, find, findByTestId, waitFor, maybeFind } = await renderLoaded({
      [PARTNERS]: {
        partner: {
          id: 'p-contoso',
          name: 'Contoso Consulting',
          tier: 'Bronze',
          motions: ['services', 'influence'],
          domains: ['contoso-consulting.example', 'contoso.co.uk'],
          active: true,
        },
      },
    });
    findByTestId(Button, 'add-partner').trigger('onClick');
    await waitFor(() => expect(maybeFind(Input, { name: 'partner-name' })).not.toBeNull());
    find(Input, { name: 'partner-name' }).trigger('onChange', ' Contoso Consulting ' as never);
    find(Input, { name: 'partner-tier' }).trigger('onChange', 'Bronze' as never);
    find(MultiSelect, { name: 'partner-motions' }).trigger('onChange', ['services', 'influence'] as never);
    find(Input, { name: 'partner-domains' }).trigger(
      'onChange',
      'contoso-consulting.example, contoso.co.uk' as never,
    );
    await waitFor(() => expect(find(Input, { name: 'partner-domains' }).props.value).not.toBe(''));
    findByTestId(Button, 'add-partner-submit').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'partner-added' })).not.toBeNull());
    expect(findByTestId(Alert, 'partner-added').props.title).toBe('Contoso Consulting added');
    expect(service.calls.find((c) => c.path === PARTNERS)?.request).toEqual({
      method: 'POST',
      body: {
        name: 'Contoso Consulting',
        domains: ['contoso-consulting.example', 'contoso.co.uk'],
        motions: ['services', 'influence'],
        tier: 'Bronze',
      },
    });
    expect(textOf(findByTestId(Table, 'partners-table'))).toContain(
      'Contoso Consulting Bronze Services, Influence contoso-consulting.example, contoso.co.uk No keys',
    );
    expect(maybeFind(Button, { testId: 'issue-key-p-contoso' })).not.toBeNull();
    // The directory is not loaded again: the service's answer is the new row.
    expect(service.calls.filter((c) => c.path === PEOPLE)).toHaveLength(1);
  });

  it('When the service finds fields invalid, then each message shows next to its field', async () => {
    const { find, findByTestId, waitFor, maybeFind } = await renderLoaded({
      [PARTNERS]: serviceError(422, 'PARTNERS.INVALID_FIELDS', 'Some fields are invalid.', {
        invalid: [
          { field: 'domains[0]', message: 'not-a-domain is not a domain.' },
          { field: 'tier', message: 'Tier must be one of Gold, Silver, Bronze.' },
          { field: 'region', message: 'Region is not supported yet.' },
        ],
      }),
    });
    await openPartnerForm({ findByTestId, waitFor, maybeFind });
    await fillPartnerForm(find, waitFor, { name: 'Northwind', tier: 'Platinum', domains: 'not-a-domain' });
    findByTestId(Button, 'add-partner-submit').trigger('onClick');
    await waitFor(() => expect(find(Input, { name: 'partner-domains' }).props.error).toBe(true));
    expect(find(Input, { name: 'partner-domains' }).props.validationMessage).toBe(
      'not-a-domain is not a domain.',
    );
    expect(find(Input, { name: 'partner-tier' }).props.validationMessage).toBe(
      'Tier must be one of Gold, Silver, Bronze.',
    );
    expect(find(Input, { name: 'partner-name' }).props.error).toBeUndefined();
    expect(textOf(findByTestId(Alert, 'add-partner-error'))).toBe('region: Region is not supported yet.');
    expect(maybeFind(Alert, { testId: 'partner-added' })).toBeNull();
  });

  it('When the request does not match the route schema, then its field messages show next to the fields too', async () => {
    const { find, findByTestId, waitFor, maybeFind } = await renderLoaded({
      [PARTNERS]: serviceError(400, 'REQUEST.INVALID', 'The request body is invalid', [
        { path: 'body.domains.0', message: 'Too big: expected string to have <=253 characters' },
      ]),
    });
    await openPartnerForm({ findByTestId, waitFor, maybeFind });
    await fillPartnerForm(find, waitFor, { domains: `${'a'.repeat(260)}.example` });
    findByTestId(Button, 'add-partner-submit').trigger('onClick');
    await waitFor(() => expect(find(Input, { name: 'partner-domains' }).props.error).toBe(true));
    expect(find(Input, { name: 'partner-domains' }).props.validationMessage).toBe(
      'Too big: expected string to have <=253 characters',
    );
    expect(maybeFind(Alert, { testId: 'add-partner-error' })).toBeNull();
  });

  it('When the partner already exists, then the form says so and nothing is added', async () => {
    const { find, findByTestId, waitFor, maybeFind } = await renderLoaded({
      [PARTNERS]: serviceError(409, 'PARTNERS.DUPLICATE', 'Tailspin Toys already uses tailspin.example.'),
    });
    await openPartnerForm({ findByTestId, waitFor, maybeFind });
    await fillPartnerForm(find, waitFor, { name: 'Tailspin' });
    findByTestId(Button, 'add-partner-submit').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'add-partner-error' })).not.toBeNull());
    expect(findByTestId(Alert, 'add-partner-error').props.title).toBe('This partner already exists');
    expect(textOf(findByTestId(Alert, 'add-partner-error'))).toBe(
      'Tailspin Toys already uses tailspin.example.',
    );
  });

  it('When the name, tier or motions are left empty, then the form asks for them and sends nothing', async () => {
    const { service, find, findByTestId, waitFor, maybeFind } = await renderLoaded({});
    await openPartnerForm({ findByTestId, waitFor, maybeFind });
    findByTestId(Button, 'add-partner-submit').trigger('onClick');
    await waitFor(() =>
      expect(find(Input, { name: 'partner-name' }).props.validationMessage).toBe('Give the partner a name.'),
    );
    expect(find(Input, { name: 'partner-tier' }).props.validationMessage).toBe('Give the partner a tier.');
    expect(find(MultiSelect, { name: 'partner-motions' }).props.validationMessage).toBe(
      'Pick at least one motion.',
    );
    expect(service.calls.map((c) => c.path)).toEqual([PEOPLE]);
  });

  it('When a key is issued for a partner, then the one-time link and its expiry show, and never a key', async () => {
    const { service, find, findByTestId, waitFor, maybeFind, getRootNode } = await renderLoaded({
      [keys('p-tailspin')]: {
        keyId: 'key-2',
        name: 'Tailspin CRM sync',
        partnerId: 'p-tailspin',
        link: 'https://api.entente.example/keys/once/olk_7Qx',
        expiresAt: '2026-11-03T09:00:00.000Z',
        // A service that wrongly sent the key along: the schema drops it before it reaches the page.
        key: 'ent_live_SECRET_VALUE',
      },
    });
    findByTestId(Button, 'issue-key-p-tailspin').trigger('onClick');
    await waitFor(() => expect(maybeFind(Input, { name: 'key-name' })).not.toBeNull());
    find(Input, { name: 'key-name' }).trigger('onChange', 'Tailspin CRM sync' as never);
    await waitFor(() => expect(find(Input, { name: 'key-name' }).props.value).toBe('Tailspin CRM sync'));
    findByTestId(Button, 'issue-key-submit').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'partner-key-link' })).not.toBeNull());

    const notice = findByTestId(Alert, 'partner-key-link');
    expect(notice.props.title).toBe('Key "Tailspin CRM sync" issued for Tailspin Toys');
    const text = textOf(notice);
    expect(text).toContain(
      "Send this one-time link to Tailspin Toys's technical contact: https://api.entente.example/keys/once/olk_7Qx",
    );
    expect(text).toContain('The key is shown once, when the link is opened');
    expect(text).toContain('The link expires at 3 Nov 2026, 09:00 UTC.');
    // The partner's link is text to pass on, not something the admin clicks (and uses up).
    expect(maybeFind(Link, { testId: 'one-time-link' })).toBeNull();
    expect(everythingUnder(getRootNode())).not.toContain('SECRET');
    expect(service.calls.find((c) => c.path === keys('p-tailspin'))?.request).toEqual({
      method: 'POST',
      body: { name: 'Tailspin CRM sync' },
    });
    expect(textOf(findByTestId(Table, 'partners-table'))).toContain('Tailspin CRM sync Issued just now');
  });

  it('When the key name is taken, then the name field says so', async () => {
    const { find, findByTestId, waitFor, maybeFind } = await renderLoaded({
      [keys('p-tailspin')]: serviceError(
        409,
        'KEYS.NAME_TAKEN',
        'Tailspin Toys already has a key "CRM sync".',
      ),
    });
    findByTestId(Button, 'issue-key-p-tailspin').trigger('onClick');
    await waitFor(() => expect(maybeFind(Input, { name: 'key-name' })).not.toBeNull());
    find(Input, { name: 'key-name' }).trigger('onChange', 'CRM sync' as never);
    await waitFor(() => expect(find(Input, { name: 'key-name' }).props.value).toBe('CRM sync'));
    findByTestId(Button, 'issue-key-submit').trigger('onClick');
    await waitFor(() => expect(find(Input, { name: 'key-name' }).props.error).toBe(true));
    expect(find(Input, { name: 'key-name' }).props.validationMessage).toBe(
      'Tailspin Toys already has a key with this name. Pick another name.',
    );
    expect(maybeFind(Alert, { testId: 'partner-key-link' })).toBeNull();
  });

  it('When an admin asks for their own API key, then the one-time link shows with its expiry', async () => {
    const { service, find, findByTestId, waitFor, maybeFind } = await renderLoaded({
      [API_KEY]: {
        keyId: 'key-9',
        name: 'My exports',
        link: 'https://api.entente.example/keys/once/olk_me',
        expiresAt: '2026-11-02T10:00:00.000Z',
      },
    });
    find(Input, { name: 'api-key-name' }).trigger('onChange', 'My exports' as never);
    await waitFor(() => expect(find(Input, { name: 'api-key-name' }).props.value).toBe('My exports'));
    findByTestId(Button, 'get-api-key').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'api-key-link' })).not.toBeNull());
    const notice = findByTestId(Alert, 'api-key-link');
    expect(notice.props.title).toBe('Your API key "My exports" is ready');
    expect(findByTestId(Link, 'one-time-link').props.href).toEqual({
      url: 'https://api.entente.example/keys/once/olk_me',
      external: true,
    });
    expect(textOf(notice)).toContain('The link expires at 2 Nov 2026, 10:00 UTC');
    expect(service.calls.find((c) => c.path === API_KEY)?.request).toEqual({
      method: 'POST',
      body: { name: 'My exports' },
    });
  });

  it('When the service fails, then the error state says why and Try again loads the section', async () => {
    let attempts = 0;
    const service = fakeService({
      [PEOPLE]: () =>
        ++attempts === 1
          ? serviceError(0, 'CARD.TIMEOUT', 'Entente took too long to answer. Try again in a moment.')
          : buildPeople(),
    });
    const { render, waitFor, maybeFind, find, findByTestId } = createRenderer('settings');
    render(<PeopleAndPartners fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(find(ErrorState).props.title).toBe('People and partners are unavailable');
    expect(textOf(find(ErrorState))).toContain('Entente took too long to answer.');
    // The admin's own key does not depend on the directory.
    expect(maybeFind(Button, { testId: 'get-api-key' })).not.toBeNull();
    findByTestId(Button, 'retry-people').trigger('onClick');
    await waitFor(() => expect(maybeFind(Table, { testId: 'partners-table' })).not.toBeNull());
    expect(maybeFind(ErrorState)).toBeNull();
    expect(attempts).toBe(2);
  });

  it('When a non-admin opens the section, then the error state gives the reason', async () => {
    const service = fakeService({
      [PEOPLE]: serviceError(
        403,
        'CARDS.ADMIN_ONLY',
        'Only Entente admins can see and change these settings.',
      ),
    });
    const { render, waitFor, maybeFind, find } = createRenderer('settings');
    render(<PeopleAndPartners fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(textOf(find(ErrorState))).toContain('Only Entente admins can see and change these settings.');
  });

  it('When the settings page loads, then People and partners is part of it', async () => {
    const service = fakeService({
      '/hubspot/cards/settings': buildSettings({
        policy: { ...buildSettings().policy, history: buildSettings().policy.history.slice(0, 1) },
      }),
      [PEOPLE]: buildPeople(),
    });
    const { render, waitFor, maybeFind } = createRenderer('settings');
    render(<SettingsView fetcher={service.fetcher} />);
    await waitFor(() => expect(maybeFind(Table, { testId: 'roles-table' })).not.toBeNull());
    expect(maybeFind(Table, { testId: 'partners-table' })).not.toBeNull();
  });
});
