import type { Clock } from '../common/clock.js';
import { opaqueToken } from '../common/ids.js';
import type { Portal } from './portal.js';

export type AppCredentials = { clientId: string; clientSecret: string; appId: number };

export type Grant = { portalId: number; scopes: string[]; userId: number; user: string };

type AccessToken = Grant & { expiresAt: number };
type AuthCode = Grant & { redirectUri: string; expiresAt: number };

export type TokenCheck =
  | { ok: true; portalId: number; grant: Grant }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'expired'; expiredAt: number };

export type IssuedTokens = { accessToken: string; refreshToken: string; expiresIn: number };

export const DEFAULT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.custom.read',
  'crm.objects.custom.write',
  'crm.schemas.custom.read',
  'crm.schemas.custom.write',
  'crm.objects.owners.read',
];

/** The scopes only accounts with custom objects (Enterprise) can grant. */
export const CUSTOM_OBJECT_SCOPES = [
  'crm.objects.custom.read',
  'crm.objects.custom.write',
  'crm.schemas.custom.read',
  'crm.schemas.custom.write',
];

/** Whether an account can grant a scope at all (custom-object scopes need custom objects). */
export const grantable = (portal: Pick<Portal, 'customObjects'>, scope: string): boolean =>
  portal.customObjects || !CUSTOM_OBJECT_SCOPES.includes(scope);

/**
 * Who consents to an install: the user `requestedUserId` names, or else the account's first active
 * owner (a HubSpot user who owns records), or else a stand-in admin for an account without owners.
 */
export const installingUser = (portal: Portal, requestedUserId?: number): Pick<Grant, 'userId' | 'user'> => {
  if (requestedUserId !== undefined) {
    const owner = portal.owners.find((o) => o.userId === requestedUserId);
    return { userId: requestedUserId, user: owner?.email ?? `user-${requestedUserId}@${portal.domain}` };
  }
  const first = portal.owners.find((o) => !o.archived);
  return first
    ? { userId: first.userId, user: first.email }
    : { userId: 9_000_000, user: 'admin@example-seller.com' };
};

/** Authorization codes, access tokens (30 minutes by default) and refresh tokens for one app. */
export class HubSpotTokens {
  private readonly codes = new Map<string, AuthCode>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, Grant>();

  constructor(
    readonly app: AppCredentials,
    private readonly clock: Clock,
    public accessTokenTtlSeconds: number,
  ) {}

  createCode(grant: Grant, redirectUri: string): string {
    const code = opaqueToken('code');
    this.codes.set(code, { ...grant, redirectUri, expiresAt: this.clock() + 10 * 60_000 });
    return code;
  }

  /** Codes are single use and bound to the redirect URI they were issued for. */
  redeemCode(code: string, redirectUri: string | undefined): Grant | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || found.expiresAt < this.clock()) return undefined;
    if (redirectUri !== undefined && redirectUri !== found.redirectUri) return undefined;
    const { redirectUri: _r, expiresAt: _e, ...grant } = found;
    return grant;
  }

  issue(grant: Grant, refreshToken = opaqueToken('na1')): IssuedTokens {
    const accessToken = opaqueToken('CJ');
    this.access.set(accessToken, { ...grant, expiresAt: this.clock() + this.accessTokenTtlSeconds * 1000 });
    this.refresh.set(refreshToken, grant);
    return { accessToken, refreshToken, expiresIn: this.accessTokenTtlSeconds };
  }

  refreshGrant(refreshToken: string): Grant | undefined {
    return this.refresh.get(refreshToken);
  }

  refreshInfo(refreshToken: string): Grant | undefined {
    return this.refresh.get(refreshToken);
  }

  revokeRefresh(refreshToken: string): boolean {
    return this.refresh.delete(refreshToken);
  }

  check(token: string | undefined): TokenCheck {
    const found = token ? this.access.get(token) : undefined;
    if (!found) return { ok: false, reason: 'invalid' };
    if (found.expiresAt <= this.clock()) return { ok: false, reason: 'expired', expiredAt: found.expiresAt };
    const { expiresAt: _e, ...grant } = found;
    return { ok: true, portalId: found.portalId, grant };
  }

  accessInfo(token: string): (Grant & { expiresIn: number }) | undefined {
    const found = this.access.get(token);
    if (!found || found.expiresAt <= this.clock()) return undefined;
    const { expiresAt, ...grant } = found;
    return { ...grant, expiresIn: Math.floor((expiresAt - this.clock()) / 1000) };
  }

  /** Fault injection: every access token issued so far stops working; refresh tokens still do. */
  expireAll(): void {
    const now = this.clock();
    for (const token of this.access.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  /** Uninstall: the app loses every token for the portal. */
  revokePortal(portalId: number): void {
    for (const [token, grant] of this.access) if (grant.portalId === portalId) this.access.delete(token);
    for (const [token, grant] of this.refresh) if (grant.portalId === portalId) this.refresh.delete(token);
  }
}
