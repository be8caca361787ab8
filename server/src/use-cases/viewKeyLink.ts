import { DomainError } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { cipherFor } from '../secrets/encryption.js';
import { linkTokenHash } from '../secrets/keyLinkTokens.js';

/** A partner's key (`partnerId`) or an internal user's own (`userId`), shown this once. */
export type ViewedKey = {
  keyId: string;
  name: string;
  partnerId: string | null;
  userId: string | null;
  apiKey: string;
};

/** One answer for every link that shows nothing, so a caller cannot tell unknown from used. */
const gone = () =>
  new DomainError(
    'KEYS.LINK_GONE',
    'This key link was already used, has expired or never existed; ask for a new key',
  );

/**
 * Whoever holds a one-time link sees its key, once. Taking the link deletes it in the same
 * statement that reads it, so of two concurrent views exactly one gets the key. A link that expired,
 * or whose key was revoked meanwhile, is deleted and shows nothing. The view is audited.
 */
export const viewKeyLink = async (
  deps: Pick<AppContext, 'store' | 'now' | 'config'>,
  token: string,
): Promise<ViewedKey> => {
  const tokenHash = linkTokenHash(token);
  if (!tokenHash) throw gone();
  const now = deps.now();
  // Nothing is thrown inside: an expired link's deletion must commit, not roll back.
  const viewed = await deps.store.transaction(async (store) => {
    const link = await store.apiKeyLookup.takeLink(tokenHash);
    if (!link || Date.parse(link.expiresAt) <= now.getTime()) return undefined;
    const tenant = store.forTenant(link.tenantId);
    const key = await tenant.apiKeys.get(link.keyId);
    if (!key || key.revokedAt !== null) return undefined;
    const holder = key.kind === 'partner' ? `partner:${key.partnerId}` : `user:${key.userId}`;
    await tenant.governance.appendAudit({
      type: 'api_key.link_viewed',
      actor: holder,
      subject: holder,
      payload: { keyId: key.keyId, name: key.label },
      at: now,
    });
    return { link, key };
  });
  if (!viewed) throw gone();
  // Decrypted after the commit: the key is shown only once the link is surely gone.
  return {
    keyId: viewed.key.keyId,
    name: viewed.key.label,
    partnerId: viewed.key.partnerId,
    userId: viewed.key.kind === 'partner' ? null : viewed.key.userId,
    apiKey: cipherFor(deps.config).decrypt(viewed.link.sealedKey),
  };
};
