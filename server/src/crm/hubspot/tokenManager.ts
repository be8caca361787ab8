import type { Cipher } from '../../secrets/encryption.js';
import type { Store } from '../../store/store.js';
import { CrmErrors } from '../crmErrors.js';
import { OAuthError, type HubSpotOAuth, type TokenGrant } from './oauthClient.js';

/** Refresh this long before expiry, so a long page of work never starts on a dying token. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type AccessToken = { token: string; refreshFailed: boolean };

/**
 * Access and refresh tokens, encrypted at rest. Tokens are refreshed from `expires_in` before they
 * expire (HubSpot: a 401 is not the refresh signal). One refresh per tenant at a time: in this
 * process by sharing the promise, across instances by locking the token row (SELECT ... FOR UPDATE)
 * for the duration of the refresh; whoever waited then finds the fresh token and uses it.
 */
export const createTokenManager = (deps: {
  store: Store;
  cipher: Cipher;
  oauth: () => HubSpotOAuth;
  now: () => Date;
}) => {
  const { store, cipher } = deps;
  const inFlight = new Map<string, Promise<AccessToken>>();

  const save = async (tenantId: string, grant: TokenGrant, scopes: string[]) => {
    await store.forTenant(tenantId).crmTokens.save({
      accessToken: cipher.encrypt(grant.accessToken),
      refreshToken: cipher.encrypt(grant.refreshToken),
      expiresAt: new Date(deps.now().getTime() + grant.expiresInSeconds * 1000).toISOString(),
      scopes,
    });
  };

  const fresh = (expiresAt: string) => Date.parse(expiresAt) - deps.now().getTime() > REFRESH_MARGIN_MS;

  const refreshLocked = (tenantId: string, staleToken: string | undefined): Promise<AccessToken> =>
    store
      .inTransaction(tenantId, async (tx) => {
        const repo = tx.crmTokens;
        const current = await repo.getForUpdate();
        if (!current) return { kind: 'gone' as const };
        const currentToken = cipher.decrypt(current.accessToken);
        // Someone else refreshed while we waited for the lock.
        if (currentToken !== staleToken && fresh(current.expiresAt)) {
          return { kind: 'ok' as const, token: { token: currentToken, refreshFailed: false } };
        }
        try {
          const grant = await deps.oauth().refresh(cipher.decrypt(current.refreshToken));
          await repo.save({
            accessToken: cipher.encrypt(grant.accessToken),
            refreshToken: cipher.encrypt(grant.refreshToken),
            expiresAt: new Date(deps.now().getTime() + grant.expiresInSeconds * 1000).toISOString(),
            scopes: current.scopes,
          });
          return { kind: 'ok' as const, token: { token: grant.accessToken, refreshFailed: false } };
        } catch (error) {
          if (error instanceof OAuthError && error.error === 'temporarily_unavailable') {
            return { kind: 'unavailable' as const };
          }
          await repo.markRefreshFailed(deps.now());
          return { kind: 'failed' as const, token: { token: currentToken, refreshFailed: true } };
        }
      })
      .then((outcome) => {
        if (outcome.kind === 'gone') throw CrmErrors.uninstalled(tenantId);
        if (outcome.kind === 'unavailable')
          throw CrmErrors.unavailable('HubSpot could not refresh the token now');
        return outcome.token;
      });

  /** Refreshes now (single-flight). After a failed refresh, the old token comes back flagged. */
  const refresh = (tenantId: string, staleToken?: string): Promise<AccessToken> => {
    let running = inFlight.get(tenantId);
    if (!running) {
      running = refreshLocked(tenantId, staleToken).finally(() => inFlight.delete(tenantId));
      inFlight.set(tenantId, running);
    }
    return running;
  };

  return {
    save,
    refresh,
    /** A usable access token, refreshed first when it is close to expiry. */
    async accessToken(tenantId: string): Promise<AccessToken> {
      const stored = await store.forTenant(tenantId).crmTokens.get();
      if (!stored || (await store.tenants.get(tenantId))?.status !== 'active')
        throw CrmErrors.uninstalled(tenantId);
      const token = cipher.decrypt(stored.accessToken);
      if (stored.refreshFailedAt) return { token, refreshFailed: true };
      if (fresh(stored.expiresAt)) return { token, refreshFailed: false };
      return refresh(tenantId, token);
    },
  };
};
export type TokenManager = ReturnType<typeof createTokenManager>;
