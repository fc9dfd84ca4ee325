import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSecretBox, loadSecretBox, parseSecretKey, SecretUnreadableError } from '../../db/secrets';
import { createLogger } from '../../platform/log';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);

function capturingLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  return { log: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) }), lines };
}

test('sealed credentials open again under the same key and context, and do not show the password', () => {
  const box = createSecretBox(keyA);
  const sealed = box.encrypt({ username: 'api@acme.no', password: 'hunter2' }, 'connection:acme-as:24so');
  expect(sealed).toMatch(new RegExp(`^${box.keyId}:[A-Za-z0-9+/]+=*$`));
  expect(sealed).not.toContain('hunter2');
  expect(box.decrypt(sealed, 'connection:acme-as:24so')).toEqual({ username: 'api@acme.no', password: 'hunter2' });
});

test('the same value seals differently every time (fresh IV)', () => {
  const box = createSecretBox(keyA);
  expect(box.encrypt('x')).not.toEqual(box.encrypt('x'));
});

test('another key is named as such, with both key ids', () => {
  const sealed = createSecretBox(keyA).encrypt({ password: 'p' });
  const other = createSecretBox(keyB);
  expect(() => other.decrypt(sealed)).toThrow(SecretUnreadableError);
  expect(() => other.decrypt(sealed)).toThrow(
    `it was saved with key id ${createSecretBox(keyA).keyId}, this key has id ${other.keyId}`,
  );
});

test('ciphertext copied onto another record does not open there', () => {
  const box = createSecretBox(keyA);
  const sealed = box.encrypt({ password: 'p' }, 'connection:acme-as:24so');
  expect(() => box.decrypt(sealed, 'connection:other-as:24so')).toThrow(/does not authenticate/);
});

test('altered ciphertext is refused', () => {
  const box = createSecretBox(keyA);
  const sealed = box.encrypt({ password: 'p' });
  const bytes = Buffer.from(sealed.split(':')[1]!, 'base64');
  bytes[bytes.length - 1]! ^= 1;
  expect(() => box.decrypt(`${box.keyId}:${bytes.toString('base64')}`)).toThrow(/does not authenticate/);
});

test('LEDGERBRIDGE_SECRET_KEY may be hex or base64 of 32 bytes', () => {
  expect(parseSecretKey(keyA.toString('hex'), 'K')).toEqual(keyA);
  expect(parseSecretKey(keyA.toString('base64'), 'K')).toEqual(keyA);
  expect(parseSecretKey(keyA.toString('base64url'), 'K')).toEqual(keyA);
});

test('a key of the wrong size or alphabet is refused with how to make one', () => {
  expect(() => parseSecretKey(Buffer.alloc(16).toString('base64'), 'LEDGERBRIDGE_SECRET_KEY')).toThrow(
    /LEDGERBRIDGE_SECRET_KEY is not a secret key: .* \(it decodes to 16 bytes\); generate one with: openssl rand -base64 32/,
  );
  expect(() => parseSecretKey('correct horse battery staple', 'LEDGERBRIDGE_SECRET_KEY')).toThrow(/openssl rand -base64 32/);
});

describe('loadSecretBox', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-secrets-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('uses LEDGERBRIDGE_SECRET_KEY when set, without warning and without a key file', () => {
    const { log, lines } = capturingLogger();
    const box = loadSecretBox({ dataDir, log, env: { LEDGERBRIDGE_SECRET_KEY: keyA.toString('hex') } });
    expect(box.keyId).toEqual(createSecretBox(keyA).keyId);
    expect(lines).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
  });

  test('without it, generates a private development key once, warns, and reuses it', () => {
    const { log, lines } = capturingLogger();
    const first = loadSecretBox({ dataDir, log, env: {} });
    const file = path.join(dataDir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(lines[0]).toMatchObject({ level: 'warn', message: expect.stringContaining('LEDGERBRIDGE_SECRET_KEY is not set') });

    const second = loadSecretBox({ dataDir, log, env: {} });
    expect(second.keyId).toEqual(first.keyId);
    expect(second.decrypt(first.encrypt({ password: 'p' }))).toEqual({ password: 'p' });
  });
});
