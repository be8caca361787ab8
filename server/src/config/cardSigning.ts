import { createHash } from 'node:crypto';
import type { Config } from './config.js';
import { SANDBOX_PORTAL_ID, SANDBOX_SEED } from './sandboxIdentity.js';

/**
 * The secret HubSpot signs card requests with is the app's client secret. A sandbox without a
 * HubSpot app still needs one so signed requests can be driven end to end: it is derived from the
 * sandbox seed, the same on every start, and handed out by /sandbox/fixture. Outside the sandbox
 * there is no fallback.
 */
export const cardSigningSecret = (config: Config): string | undefined =>
  config.hubspot.clientSecret ??
  (config.sandbox
    ? createHash('sha256')
        .update(`entente-sandbox-hubspot-client-secret-${SANDBOX_SEED}`)
        .digest('hex')
        .slice(0, 36)
    : undefined);

/** The app id the sandbox portal pretends to have installed. */
export const sandboxHubSpotApp = (config: Config) => ({
  portalId: SANDBOX_PORTAL_ID,
  appId: config.hubspot.appId ?? '1990001',
  clientSecret: cardSigningSecret(config) ?? '',
});
