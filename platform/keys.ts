/**
 * What every 32-byte AES key of ledgerbridge shares, whatever it protects (credentials at rest in db/secrets.ts,
 * workflow payloads in platform/payloadCodec.ts): how an operator writes it, the id that names it in messages
 * without revealing it, and the development key file `npm start` creates when none is configured.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_BYTES = 32;

/** A short hash of the key, safe to print; `purpose` keeps one key's ids apart across uses. */
export function keyFingerprint(key: Buffer, purpose: string): string {
  return createHash('sha256').update(`ledgerbridge-${purpose}-key-id:`).update(key).digest('hex').slice(0, 8);
}

/** 64 hex characters or base64 (standard or url-safe) of exactly 32 bytes; `source` names where it came from. */
export function parseSecretKey(text: string, source: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)
      ? Buffer.from(value, 'base64')
      : undefined;
  if (!key || key.length !== KEY_BYTES) {
    throw new Error(
      `${source} is not a secret key: it must be ${KEY_BYTES} random bytes written as 64 hex characters or base64` +
        `${key ? ` (it decodes to ${key.length} bytes)` : ''}; generate one with: openssl rand -base64 32`,
    );
  }
  return key;
}

/** Creates `file` with one fresh key (mode 0600) unless it exists; returns whether it did. */
export function createKeyFileIfMissing(file: string): boolean {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole to a private temp file, then linked into place: link() fails when the file exists, so two
  // processes starting at once share the first one's key and neither can read a half-written file.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
