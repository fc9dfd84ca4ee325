/**
 * Where the payload keys come from: LEDGERBRIDGE_CODEC_KEYS (comma-separated, newest first), else the key file
 * <dataDir>/codec.keys (one key a line, newest first). Only `npm start` creates that file, on its first start: any
 * other process encrypting under a key of its own would write payloads the workers cannot read, so without
 * keys it stops and says where to put them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createKeyFileIfMissing, parseSecretKey } from './keys';
import { dataDir } from './paths';
import { codecKeySet, type CodecKeySet } from './payloadCodec';

export const CODEC_KEYS_ENV = 'LEDGERBRIDGE_CODEC_KEYS';

/** No usable payload keys: the message says which source failed and how to fix it. */
export class CodecKeysUnavailable extends Error {
  override readonly name = 'CodecKeysUnavailable';
}

export const codecKeyFile = (dir = dataDir()) => path.join(dir, 'codec.keys');

export function loadCodecKeys(options: {
  dataDir?: string;
  env?: Record<string, string | undefined>;
  /** `npm start`: create the development key file when there is neither variable nor file. */
  createIfMissing?: boolean;
} = {}): { keys: CodecKeySet; source: string; created: boolean } {
  const env = options.env ?? process.env;
  const fromEnv = env[CODEC_KEYS_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { keys: parseKeys(fromEnv.split(','), CODEC_KEYS_ENV), source: CODEC_KEYS_ENV, created: false };
  }
  const file = codecKeyFile(options.dataDir);
  const created = options.createIfMissing ? createKeyFileIfMissing(file) : false;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CodecKeysUnavailable(
      code === 'ENOENT'
        ? `no payload encryption keys: ${CODEC_KEYS_ENV} is unset and ${file} does not exist; ` +
            `set ${CODEC_KEYS_ENV} to the keys your workers use (openssl rand -base64 32 makes one), or run \`npm start\` once for a development key`
        : `the payload key file ${file} cannot be read (${code ?? (err as Error).message}): ` +
            `give this user read access to it, or set ${CODEC_KEYS_ENV}`,
    );
  }
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return { keys: parseKeys(lines, `the payload key file ${file}`), source: file, created };
}

function parseKeys(texts: string[], source: string): CodecKeySet {
  const keys = texts.map((t) => t.trim()).filter((t) => t !== '');
  if (keys.length === 0) throw new CodecKeysUnavailable(`${source} holds no key; generate one with: openssl rand -base64 32`);
  try {
    return codecKeySet(keys.map((k, i) => parseSecretKey(k, `key ${i + 1} of ${source}`)));
  } catch (err) {
    throw new CodecKeysUnavailable((err as Error).message);
  }
}
