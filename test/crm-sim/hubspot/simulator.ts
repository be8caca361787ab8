import { listen } from '../common/listen.js';
import type { FaultInjector } from '../common/faults.js';
import { createHubSpotApp, type HubSpotAppOptions } from './app.js';
import type { HubSpotRateLimits } from './rate-limits.js';
import { seedPortal, type SeedOptions } from './seed.js';
import type { HubSpotStore } from './store.js';
import type { Portal } from './portal.js';
import {
  DEFAULT_SCOPES,
  grantable,
  installingUser,
  type HubSpotTokens,
  type IssuedTokens,
} from './tokens.js';
import type { Delivery, WebhookChaos, WebhookDispatcher } from './webhooks.js';

export type HubSpotSimulatorOptions = HubSpotAppOptions & {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
};

export type HubSpotSimulator = {
  /** `http://127.0.0.1:PORT`: pass as `basePath` to `@hubspot/api-client`. */
  url: string;
  port: number;
  portalId: number;
  appId: number;
  clientId: string;
  clientSecret: string;
  /** Every record and setting; write through its methods so search and webhooks follow. */
  state: HubSpotStore;
  portals: Map<number, Portal>;
  tokens: HubSpotTokens;
  limits: HubSpotRateLimits;
  faults: FaultInjector;
  webhooks: {
    flush(): Promise<Delivery[]>;
    options(chaos: WebhookChaos): void;
    /** Sets (or clears) where events are POSTed. */
    setTargetUrl(url: string | undefined): void;
    deliveries: Delivery[];
    dispatcher: WebhookDispatcher;
  };
  /**
   * Skips the OAuth dance: tokens for a portal as if its first owner had just installed the app
   * there (by default with every scope the account can grant).
   */
  issueToken(portalId?: number, scopes?: string[]): IssuedTokens;
  /**
   * Adds another installed account, seeded like the first unless told otherwise;
   * `customObjects: false` makes it an account without custom objects.
   */
  addPortal(
    portalId: number,
    seed?: Partial<SeedOptions> & { customObjects?: boolean; dataHostingLocation?: string },
  ): Portal;
  /**
   * The URL a user would be sent to for installing the app; `portalId` and `userId` pick the
   * account and the consenting user, `optionalScopes` go in `optional_scope`.
   */
  authorizeUrl(
    redirectUri: string,
    scopes?: string[],
    state?: string,
    who?: { portalId?: number; userId?: number; optionalScopes?: string[] },
  ): string;
  setLatency(ms: number): void;
  close(): Promise<void>;
};

/** Starts the HubSpot simulator on the loopback interface. */
export const startHubSpotSimulator = async (
  options: HubSpotSimulatorOptions = {},
): Promise<HubSpotSimulator> => {
  const built = createHubSpotApp(options);
  const running = await listen(built.app, options.port ?? 0, options.host);
  const { store, tokens, limits } = built.context;
  const { webhooks } = built;
  return {
    url: running.url,
    port: running.port,
    portalId: built.options.portalId,
    appId: built.options.appId,
    clientId: built.options.clientId,
    clientSecret: built.options.clientSecret,
    state: store,
    portals: store.portals,
    tokens,
    limits,
    faults: built.faults,
    webhooks: {
      flush: () => webhooks.flush(),
      options: (chaos) => webhooks.options(chaos),
      setTargetUrl: (url) => {
        if (url === undefined) delete webhooks.settings.targetUrl;
        else webhooks.settings.targetUrl = url;
      },
      deliveries: webhooks.deliveries,
      dispatcher: webhooks,
    },
    issueToken: (portalId = built.options.portalId, scopes) => {
      const portal = store.portals.get(portalId);
      return tokens.issue({
        portalId,
        scopes: scopes ?? DEFAULT_SCOPES.filter((scope) => !portal || grantable(portal, scope)),
        ...(portal ? installingUser(portal) : { userId: 9_000_000, user: 'admin@example-seller.com' }),
      });
    },
    addPortal: (portalId, seed) => {
      const portal = store.addPortal(portalId);
      if (seed?.customObjects === false) portal.customObjects = false;
      if (seed?.dataHostingLocation) portal.dataHostingLocation = seed.dataHostingLocation;
      seedPortal(store, portalId, {
        seed: seed?.seed ?? built.options.seed,
        size: seed?.size ?? built.options.size,
        ...(seed?.anchor ? { anchor: seed.anchor } : {}),
      });
      return portal;
    },
    authorizeUrl: (redirectUri, scopes = DEFAULT_SCOPES, state, who = {}) => {
      const url = new URL('/oauth/authorize', running.url);
      url.searchParams.set('client_id', built.options.clientId);
      url.searchParams.set('redirect_uri', redirectUri);
      url.searchParams.set('scope', scopes.join(' '));
      if (who.optionalScopes) url.searchParams.set('optional_scope', who.optionalScopes.join(' '));
      if (who.portalId !== undefined) url.searchParams.set('portalId', String(who.portalId));
      if (who.userId !== undefined) url.searchParams.set('userId', String(who.userId));
      if (state !== undefined) url.searchParams.set('state', state);
      return url.toString();
    },
    setLatency: (ms) => {
      built.latency.latencyMs = ms;
    },
    close: async () => {
      webhooks.close();
      built.faults.dispose();
      await running.close();
    },
  };
};
