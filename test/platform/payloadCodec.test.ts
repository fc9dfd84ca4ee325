import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { CodecKeysUnavailable, loadCodecKeys } from '../../platform/codecKeys';
import { codecKeySet, createEncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadKeyUnknown } from '../../platform/payloadCodec';

const oldKey = Buffer.alloc(32, 1);
const newKey = Buffer.alloc(32, 2);
const invoice = { customer: 'Kahvi ja Koodi Oy', organisationNumber: '2345678-9', amount: 123456 };
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

test('an encrypted payload shows neither the customer nor the amount, names its key, and decodes to the original', async () => {
  const codec = createEncryptionCodec(codecKeySet([oldKey]));
  const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(invoice)]);
  expect(text(encrypted!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(encrypted!.metadata![KEY_ID_METADATA])).toBe(codecKeySet([oldKey]).ids[0]);
  expect(text(encrypted!.data)).not.toContain('Kahvi');
  expect(text(encrypted!.data)).not.toContain('123456');
  const [decoded] = await codec.decode([encrypted!]);
  expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(invoice);
});

test('a payload written before encryption passes through decode unchanged (old histories replay)', async () => {
  const plain = defaultPayloadConverter.toPayload(invoice);
  expect(await createEncryptionCodec(codecKeySet([oldKey])).decode([plain])).toEqual([plain]);
});

test('after a rotation the newest key encrypts and the old key still decrypts what it wrote', async () => {
  const [written] = await createEncryptionCodec(codecKeySet([oldKey])).encode([defaultPayloadConverter.toPayload(invoice)]);
  const rotated = createEncryptionCodec(codecKeySet([newKey, oldKey]));
  expect(defaultPayloadConverter.fromPayload((await rotated.decode([written!]))[0]!)).toEqual(invoice);
  const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(invoice)]);
  expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe(codecKeySet([newKey]).ids[0]);
});

test('a payload under a key the process lacks is an error naming the key id and what to do', async () => {
  const [written] = await createEncryptionCodec(codecKeySet([oldKey])).encode([defaultPayloadConverter.toPayload(invoice)]);
  const decoding = createEncryptionCodec(codecKeySet([newKey])).decode([written!]);
  await expect(decoding).rejects.toBeInstanceOf(PayloadKeyUnknown);
  await expect(decoding).rejects.toThrow(new RegExp(`key id ${codecKeySet([oldKey]).ids[0]}, which this process does not have .*add that key to LEDGERBRIDGE_CODEC_KEYS`));
});

test('an altered payload is refused, not decoded into garbage', async () => {
  const codec = createEncryptionCodec(codecKeySet([oldKey]));
  const [written] = await codec.encode([defaultPayloadConverter.toPayload(invoice)]);
  const data = Buffer.from(written!.data!);
  data[data.length - 1]! ^= 1;
  await expect(codec.decode([{ ...written!, data }])).rejects.toThrow(/does not authenticate/);
});

describe('loadCodecKeys', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-codec-')); });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('LEDGERBRIDGE_CODEC_KEYS lists the keys newest first', () => {
    const { keys } = loadCodecKeys({ dataDir, env: { LEDGERBRIDGE_CODEC_KEYS: `${newKey.toString('base64')}, ${oldKey.toString('hex')}` } });
    expect(keys.ids).toEqual([...codecKeySet([newKey]).ids, ...codecKeySet([oldKey]).ids]);
  });

  test('npm start creates a private key file once and reads the same key on the next start', () => {
    const first = loadCodecKeys({ dataDir, env: {}, createIfMissing: true });
    expect(first.created).toBe(true);
    expect(fs.statSync(path.join(dataDir, 'codec.keys')).mode & 0o777).toBe(0o600);
    const second = loadCodecKeys({ dataDir, env: {}, createIfMissing: true });
    expect(second).toMatchObject({ created: false });
    expect(second.keys.ids).toEqual(first.keys.ids);
  });

  test('other processes do not invent a key: they say where keys come from', () => {
    expect(() => loadCodecKeys({ dataDir, env: {} })).toThrow(CodecKeysUnavailable);
    expect(() => loadCodecKeys({ dataDir, env: {} })).toThrow(/LEDGERBRIDGE_CODEC_KEYS is unset and .*codec.keys does not exist/);
  });

  test('an unreadable or malformed key file is a clear error naming the file', () => {
    const file = path.join(dataDir, 'codec.keys');
    fs.writeFileSync(file, 'not a key\n');
    expect(() => loadCodecKeys({ dataDir, env: {} })).toThrow(`key 1 of the payload key file ${file} is not a secret key`);
    if (process.getuid?.() !== 0) {
      fs.chmodSync(file, 0o000);
      expect(() => loadCodecKeys({ dataDir, env: {}, createIfMissing: true })).toThrow(`the payload key file ${file} cannot be read (EACCES)`);
    }
  });
});
