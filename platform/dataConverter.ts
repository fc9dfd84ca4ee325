/**
 * The one data converter of every ledgerbridge client and worker (and the test harnesses'): payloads encrypted
 * by the payload codec, failure messages and stack traces encoded so they are encrypted too. A client and a
 * worker with different converters could not read each other's payloads, hence one function.
 */
import type { DataConverter } from '@temporalio/common';
import { createEncryptionCodec, type CodecKeySet } from './payloadCodec';

/** Workflow bundles built ahead of Worker.create must embed the same failure converter. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failureConverter');

export function ledgerbridgeDataConverter(keys: CodecKeySet): DataConverter {
  return { payloadCodecs: [createEncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
