import type { Clock } from '../common/clock.js';
import { opaqueToken } from '../common/ids.js';

export type SessionCheck = { ok: true; userId: string } | { ok: false };

/** Access tokens (sessions) and refresh tokens. Sessions time out after inactivity, like an org's setting. */
export class SalesforceSessions {
  private readonly sessions = new Map<string, { userId: string; lastUsed: number }>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly codes = new Map<string, { userId: string; redirectUri: string }>();

  constructor(
    private readonly clock: Clock,
    public sessionTimeoutMs: number,
  ) {}

  issue(userId: string, withRefresh: boolean): { accessToken: string; refreshToken?: string } {
    const orgPart = '00D5g000000SIMU';
    const accessToken = `${orgPart}!${opaqueToken('AQ')}`;
    this.sessions.set(accessToken, { userId, lastUsed: this.clock() });
    if (!withRefresh) return { accessToken };
    const refreshToken = opaqueToken('5Aep');
    this.refreshTokens.set(refreshToken, userId);
    return { accessToken, refreshToken };
  }

  refresh(refreshToken: string): string | undefined {
    const userId = this.refreshTokens.get(refreshToken);
    return userId === undefined ? undefined : this.issue(userId, false).accessToken;
  }

  createCode(userId: string, redirectUri: string): string {
    const code = opaqueToken('aPrx');
    this.codes.set(code, { userId, redirectUri });
    return code;
  }

  redeemCode(code: string, redirectUri: string | undefined): string | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || (redirectUri !== undefined && redirectUri !== found.redirectUri)) return undefined;
    return found.userId;
  }

  check(token: string | undefined): SessionCheck {
    const session = token ? this.sessions.get(token) : undefined;
    if (!session || this.clock() - session.lastUsed > this.sessionTimeoutMs) return { ok: false };
    session.lastUsed = this.clock();
    return { ok: true, userId: session.userId };
  }

  revoke(token: string): void {
    this.sessions.delete(token);
    this.refreshTokens.delete(token);
  }

  /** Fault injection: every session ends at once; refresh tokens still work. */
  expireAll(): void {
    this.sessions.clear();
  }
}
