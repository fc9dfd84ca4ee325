/**
 * Secrets at rest (design principle 5): connection credentials and cached external sessions are sealed with
 * AES-256-GCM under one 32-byte key, LEDGERBRIDGE_SECRET_KEY. Without it (development), a key is generated once
 * into <dataDir>/secret.key so a laptop demo works out of the box; production must set the variable, because
 * whatever is saved under one key cannot be read under another.
 *
 * Sealed text is `<keyId>:<base64 of iv | tag | ciphertext>`. The key id (a hash prefix, not the key) lets a
 * wrong key be named as such instead of looking like corruption. An optional context (e.g. the connection id)
 * is bound as GCM associated data, so ciphertext copied onto another row does not decrypt there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../platform/log';
import { dataDir } from '../platform/paths';
import { createKeyFileIfMissing, keyFingerprint, KEY_BYTES, parseSecretKey } from '../platform/keys';

export { parseSecretKey };

export const SECRET_KEY_ENV = 'LEDGERBRIDGE_SECRET_KEY';
const IV_BYTES = 12; // GCM's standard nonce size
const TAG_BYTES = 16;

export interface SecretBox {
  /** Identifies the key in sealed text and messages; safe to print. */
  readonly keyId: string;
  encrypt(value: unknown, context?: string): string;
  /** Throws SecretUnreadableError when the text was sealed under another key, another context, or was altered. */
  decrypt(text: string, context?: string): unknown;
}

/** Why a sealed value cannot be opened; callers add which record it was and what to do. */
export class SecretUnreadableError extends Error {
  override readonly name = 'SecretUnreadableError';
  constructor(
    readonly reason: string,
    readonly storedKeyId: string | undefined,
    readonly keyId: string,
  ) {
    super(reason);
  }
}

export function keyIdOf(key: Buffer): string {
  return keyFingerprint(key, 'secret');
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`a secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
  const keyId = keyIdOf(key);
  return {
    keyId,
    encrypt(value, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${keyId}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
    },
    decrypt(text, context = '') {
      const colon = text.indexOf(':');
      const storedKeyId = colon > 0 ? text.slice(0, colon) : undefined;
      if (storedKeyId !== keyId) {
        throw new SecretUnreadableError(
          storedKeyId ? `it was saved with key id ${storedKeyId}, this key has id ${keyId}` : 'it is not sealed text',
          storedKeyId,
          keyId,
        );
      }
      const sealed = Buffer.from(text.slice(colon + 1), 'base64');
      if (sealed.length < IV_BYTES + TAG_BYTES) throw new SecretUnreadableError('the sealed text is truncated', storedKeyId, keyId);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as unknown;
      } catch {
        throw new SecretUnreadableError(
          'it does not authenticate under this key (altered, or copied from another record)',
          storedKeyId,
          keyId,
        );
      }
    },
  };
}

/**
 * The SecretBox of this installation: from LEDGERBRIDGE_SECRET_KEY, or else the development key in
 * <dataDir>/secret.key (created with mode 0600 on first use, with a warning). dataDir defaults to the
 * platform's (./.data, or LEDGERBRIDGE_DATA_DIR).
 */
export function loadSecretBox(options: {
  dataDir?: string;
  log: Logger;
  env?: Record<string, string | undefined>;
}): SecretBox {
  const env = options.env ?? process.env;
  const fromEnv = env[SECRET_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return createSecretBox(parseSecretKey(fromEnv, SECRET_KEY_ENV));

  const file = path.join(options.dataDir ?? dataDir(), 'secret.key');
  const key = readOrCreateDevKey(file);
  options.log.warn(
    `${SECRET_KEY_ENV} is not set: secrets are encrypted with the development key in ${file}. ` +
      `In production set ${SECRET_KEY_ENV} (openssl rand -base64 32) and keep it: ` +
      'credentials saved under one key cannot be read under another.',
    { keyId: keyIdOf(key) },
  );
  return createSecretBox(key);
}

function readOrCreateDevKey(file: string): Buffer {
  createKeyFileIfMissing(file);
  return parseSecretKey(fs.readFileSync(file, 'utf8'), `the development key file ${file}`);
}

/** The name the first design notes used; same function. */
export const loadSecretKey = loadSecretBox;
