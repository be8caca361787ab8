import type { AppContext } from '../../appContext.js';
import { enqueue } from '../../jobs/jobKinds.js';
import { cipherFor } from '../../secrets/encryption.js';
import { generateLinkToken, KEY_LINK_PATH } from '../../secrets/keyLinkTokens.js';
import type { TenantStore } from '../../store/store.js';

/** How long a one-time key link stays valid: 24 hours from issue, on the service clock. */
export const KEY_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export type IssuedKeyLink = { link: string; expiresAt: string };

/**
 * Puts a freshly issued key behind a one-time link, inside the transaction that created the key:
 * only the hash of the link's token is stored, with the key sealed by the service's cipher, and a
 * job deletes both when the link expires unviewed. The link itself is returned once.
 */
export const issueKeyLink = async (
  ctx: Pick<AppContext, 'config'>,
  tx: TenantStore,
  key: { keyId: string; token: string },
  now: Date,
): Promise<IssuedKeyLink> => {
  const { token, tokenHash } = generateLinkToken();
  const expiresAt = new Date(now.getTime() + KEY_LINK_TTL_MS).toISOString();
  await tx.apiKeys.saveLink({
    tokenHash,
    keyId: key.keyId,
    sealedKey: cipherFor(ctx.config).encrypt(key.token),
    createdAt: now.toISOString(),
    expiresAt,
  });
  await enqueue(
    tx,
    'governance.key_link_expiry',
    { keyId: key.keyId, expiresAt },
    { runAt: new Date(expiresAt), once: `${key.keyId}:${expiresAt}` },
  );
  return { link: `${ctx.config.publicUrl}${KEY_LINK_PATH}/${token}`, expiresAt };
};

/** The expiry job: the tenant's links that expired unviewed are deleted, sealed keys and all. */
export const expireKeyLinks = async (
  deps: Pick<AppContext, 'store' | 'now'>,
  tenantId: string,
): Promise<void> => {
  await deps.store.forTenant(tenantId).apiKeys.deleteExpiredLinks(deps.now());
};
