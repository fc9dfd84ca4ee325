import type { Payload } from '@temporalio/common';
import { createEncryptionCodec, type CodecKeySet } from '../../platform/payloadCodec';
import { TEST_CODEC_KEYS } from './temporal';

/**
 * A fetched history as searchable text: payloads are bytes (Uint8Array), which JSON.stringify turns into lists of
 * numbers, so a secret inside an activity's input would never be found by searching the JSON. Bytes are decoded.
 */
export function historyText(value: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (v instanceof Uint8Array) parts.push(Buffer.from(v).toString('utf8'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    else if (v !== undefined && v !== null) parts.push(String(v));
  };
  walk(value);
  return parts.join('\n');
}

/** Every payload in a fetched history (or any part of one): the objects with bytes `data` and `metadata`. */
export function payloadsIn(value: unknown): Payload[] {
  if (!value || typeof value !== 'object') return [];
  const v = value as { data?: unknown; metadata?: unknown };
  if (v.data instanceof Uint8Array && v.metadata) return [v as Payload];
  return Object.values(value).flatMap(payloadsIn);
}

/**
 * A fetched history's text with its payloads decrypted as well (fetchHistory returns them as stored): a search
 * for a leaked secret must look at what the payloads say, not only at their ciphertext.
 */
export async function decryptedHistoryText(history: unknown, keys: CodecKeySet = TEST_CODEC_KEYS): Promise<string> {
  return [historyText(history), historyText(await createEncryptionCodec(keys).decode(payloadsIn(history)))].join('\n');
}
