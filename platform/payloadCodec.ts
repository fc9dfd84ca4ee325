/**
 * Workflow payloads encrypted before they leave our processes (design principle 5): the Temporal server, its
 * database and anyone reading a raw history see only ciphertext. AES-256-GCM; the payload's metadata names the
 * key (`encryption-key-id`, a hash prefix, never the key), so a key set can rotate: the newest key encrypts,
 * every older key in the set still decrypts what it wrote.
 *
 * The codec runs on the worker's main thread and in clients, never in the workflow sandbox, so node:crypto is fine.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { keyFingerprint, KEY_BYTES } from './keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12; // GCM's standard nonce size
const TAG_BYTES = 16;

/** The keys payloads are encrypted and decrypted with, newest first. */
export interface CodecKeySet {
  /** Key ids, newest first: safe to print. */
  readonly ids: readonly string[];
  /** The key of an id, if the set holds it. */
  key(id: string): Buffer | undefined;
}

export function codecKeySet(keys: readonly Buffer[]): CodecKeySet {
  if (keys.length === 0) throw new Error('a payload key set needs at least one key');
  const byId = new Map(keys.map((key) => {
    if (key.length !== KEY_BYTES) throw new Error(`a payload key must be ${KEY_BYTES} bytes, got ${key.length}`);
    return [codecKeyIdOf(key), key] as const;
  }));
  return { ids: [...byId.keys()], key: (id) => byId.get(id) };
}

export function codecKeyIdOf(key: Buffer): string {
  return keyFingerprint(key, 'codec');
}

/** A payload encrypted under a key this process does not hold. */
export class PayloadKeyUnknown extends Error {
  override readonly name = 'PayloadKeyUnknown';
  constructor(readonly keyId: string, known: readonly string[]) {
    super(
      `a payload is encrypted with key id ${keyId}, which this process does not have (it has ${known.join(', ')}): ` +
        'add that key to LEDGERBRIDGE_CODEC_KEYS (or the codec.keys file) after the newest one; ' +
        'keys that encrypted payloads still in a history must stay in the set',
    );
  }
}

export function createEncryptionCodec(keys: CodecKeySet): PayloadCodec {
  return {
    async encode(payloads) {
      return payloads.map((payload) => encrypt(payload, keys));
    },
    async decode(payloads) {
      return payloads.map((payload) => (isEncrypted(payload) ? decrypt(payload, keys) : payload));
    },
  };
}

/** Histories written before encryption (and payloads of other tools) pass through decode unchanged. */
function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}

function encrypt(payload: Payload, keys: CodecKeySet): Payload {
  const keyId = keys.ids[0]!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.key(keyId)!, iv);
  const plain = temporal.api.common.v1.Payload.encode(payload).finish();
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(keyId) },
    data: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
  };
}

function decrypt(payload: Payload, keys: CodecKeySet): Payload {
  const keyId = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString('utf8');
  const key = keys.key(keyId);
  if (!key) throw new PayloadKeyUnknown(keyId || '(none)', keys.ids);
  const data = Buffer.from(payload.data ?? []);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return temporal.api.common.v1.Payload.decode(plain);
  } catch {
    throw new Error(`a payload encrypted with key id ${keyId} does not authenticate under that key: it was altered or truncated`);
  }
}
