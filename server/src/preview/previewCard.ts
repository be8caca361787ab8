import type { z } from 'zod';
import { sandboxFixtureSchema } from '../sandbox/sandboxFixture.js';
import { loadCardRenderer, type PreviewCard, type PreviewFetch } from './loadHubSpotApp.js';
import { signCardRequest, type CardSigner } from '../crm/hubspot/signCardRequest.js';

export type PreviewOptions = {
  card: PreviewCard;
  recordId: string;
  on: 'deals' | 'companies';
  /** Who is looking: an Entente user id, e-mail, HubSpot user id or part of a name. */
  as: string;
  /** Where the service listens, and the public URL it believes it has (they differ behind a proxy). */
  serviceUrl: string;
  publicUrl: string;
};

const fixtureOf = async (serviceUrl: string) => {
  const response = await fetch(`${serviceUrl}/sandbox/fixture`).catch((error: unknown) => {
    throw new Error(
      `The service at ${serviceUrl} is not reachable (${(error as Error).message}). Start it with \`npm start\`.`,
    );
  });
  if (response.status === 404)
    throw new Error(`${serviceUrl} is not running in sandbox mode; preview needs the sandbox portal.`);
  if (!response.ok) throw new Error(`GET /sandbox/fixture answered ${response.status}`);
  const fixture = sandboxFixtureSchema.parse(await response.json());
  if (!fixture.hubspot) throw new Error('The sandbox fixture has no HubSpot app; update the service.');
  return { ...fixture, hubspot: fixture.hubspot };
};

const pickUser = (users: z.infer<typeof sandboxFixtureSchema>['users'], who: string) => {
  const needle = who.toLowerCase();
  const exact = users.find((u) => [u.id, u.email, u.hubspotUserId].some((v) => v.toLowerCase() === needle));
  const byName = users.filter((u) => u.name.toLowerCase().includes(needle));
  const user = exact ?? (byName.length === 1 ? byName[0] : undefined);
  if (!user)
    throw new Error(
      `No single sandbox user matches "${who}". Try one of: ${users.map((u) => `${u.id} (${u.name}, ${u.roles.join('/')})`).join(', ')}`,
    );
  return user;
};

/**
 * Renders a card as the given sandbox user sees it: requests are signed exactly as HubSpot signs a
 * card's hubspot.fetch, so they pass the same verification, tenant and neutrality checks.
 */
export const previewCard = async (options: PreviewOptions): Promise<{ header: string; body: string }> => {
  const fixture = await fixtureOf(options.serviceUrl);
  const user = pickUser(fixture.users, options.as);
  const signer: CardSigner = { publicUrl: options.publicUrl, ...fixture.hubspot };
  const fetchImpl: PreviewFetch = async (url, init) => {
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const signed = signCardRequest(signer, user, {
      method: init.method,
      path,
      body: init.body,
      timestamp: Date.now(),
    });
    return fetch(`${options.serviceUrl}${signed.pathAndQuery}`, {
      method: init.method,
      headers: signed.headers,
      ...(signed.body ? { body: signed.body } : {}),
      signal: AbortSignal.timeout(init.timeout),
    });
  };
  const render = await loadCardRenderer();
  const body = await render({ card: options.card, recordId: options.recordId, on: options.on, fetchImpl });
  const what =
    options.card === 'settings'
      ? 'settings page'
      : `${options.card} card on ${options.card === 'review' ? (options.on === 'companies' ? 'company' : 'deal') : options.card} ${options.recordId}`;
  return {
    header: `Entente ${what}, as ${user.name} (${user.roles.join(', ')}) in portal ${fixture.hubspot.portalId}`,
    body,
  };
};
