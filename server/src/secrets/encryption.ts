import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@entente/shared/errors';

/** AES-256-GCM with a random 96-bit nonce per value: `v1.<nonce>.<tag>.<ciphertext>`, base64url. */
export type Cipher = {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  /** A key for another purpose (e.g. signing OAuth states), derived so the master key is never reused. */
  derive(purpose: string): Buffer;
};

export const parseKey = (text: string): Buffer => {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new DomainError('SECRETS.KEY_INVALID', 'The encryption key must be 32 bytes');
  return key;
};

export const createCipher = (key: Buffer): Cipher => ({
  encrypt(plaintext) {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', nonce, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  },
  decrypt(sealed) {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== 'v1' || !nonce || !tag || body === undefined) {
      throw new DomainError('SECRETS.UNREADABLE', 'A stored secret is not in a format this version reads');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new DomainError(
        'SECRETS.UNREADABLE',
        'A stored secret could not be decrypted: was ENCRYPTION_KEY changed?',
      );
    }
  },
  derive: (purpose) => createHmac('sha256', key).update(`entente:${purpose}`).digest(),
});

/**
 * The key comes from ENCRYPTION_KEY. In sandbox mode, where nobody should have to configure one,
 * a key is generated once and kept (mode 0600) in the data directory, so restarts can still read
 * what was stored.
 */
export const loadEncryptionKey = (config: {
  encryptionKey: string | undefined;
  sandbox: boolean;
  dataDir: string;
}): Buffer => {
  if (config.encryptionKey) return parseKey(config.encryptionKey);
  if (!config.sandbox) {
    throw new DomainError('SECRETS.KEY_MISSING', 'ENCRYPTION_KEY is required outside sandbox mode');
  }
  const path = join(config.dataDir, 'encryption.key');
  if (existsSync(path)) return parseKey(readFileSync(path, 'utf8').trim());
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return key;
  } catch {
    return parseKey(readFileSync(path, 'utf8').trim());
  }
};

const ciphers = new Map<string, Cipher>();

/** One cipher per key source, so the sandbox key file is read once. */
export const cipherFor = (config: {
  encryptionKey: string | undefined;
  sandbox: boolean;
  dataDir: string;
}): Cipher => {
  const id = config.encryptionKey
    ? `env:${createHmac('sha256', 'id').update(config.encryptionKey).digest('hex')}`
    : `dir:${config.dataDir}`;
  let cipher = ciphers.get(id);
  if (!cipher) {
    cipher = createCipher(loadEncryptionKey(config));
    ciphers.set(id, cipher);
  }
  return cipher;
};
