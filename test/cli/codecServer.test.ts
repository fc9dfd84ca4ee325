/**
 * `ledgerbridge codec-server` as an operator starts it: the real binary, the keys as workers read them, a bearer
 * token from the environment only, and a refusal that says what to set when either is missing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { payloadToJson } from '../../platform/codecServer';
import { codecKeySet, createEncryptionCodec } from '../../platform/payloadCodec';
import { runCli } from './run';

jest.setTimeout(60_000);

const KEY = Buffer.alloc(32, 8);
const TOKEN = 'a-codec-token-of-this-test';
const bin = path.resolve(__dirname, '../../bin/ledgerbridge.js');
let dataDir: string;
beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-codec-cli-'))));
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('without a token it refuses to start and says how to give one', async () => {
  const run = await runCli(['codec-server'], { LEDGERBRIDGE_DATA_DIR: dataDir, LEDGERBRIDGE_CODEC_KEYS: KEY.toString('base64'), LEDGERBRIDGE_CODEC_TOKEN: '' });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('set LEDGERBRIDGE_CODEC_TOKEN to the bearer token callers must send');
});

test('a token on the command line is refused: argv shows in ps', async () => {
  const run = await runCli(['codec-server', '--token', TOKEN], { LEDGERBRIDGE_DATA_DIR: dataDir });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--token: secrets are never taken from the command line');
});

test('without keys, or with a key file it cannot read, it exits 3 naming where keys come from', async () => {
  const env = { LEDGERBRIDGE_DATA_DIR: dataDir, LEDGERBRIDGE_CODEC_TOKEN: TOKEN, LEDGERBRIDGE_CODEC_KEYS: '' };
  const none = await runCli(['codec-server'], env);
  expect({ code: none.code, stderr: none.stderr }).toEqual({ code: 3, stderr: expect.stringContaining('LEDGERBRIDGE_CODEC_KEYS is unset and') });
  expect(fs.existsSync(path.join(dataDir, 'codec.keys'))).toBe(false); // only npm start makes a key

  fs.mkdirSync(path.join(dataDir, 'codec.keys')); // a directory where the file should be: unreadable as a file
  const unreadable = await runCli(['codec-server'], env);
  expect(unreadable.code).toBe(3);
  expect(unreadable.stderr).toContain(`the payload key file ${path.join(dataDir, 'codec.keys')} cannot be read (EISDIR)`);
});

test('started, it prints its address but never the token, and decodes for the token holder only', async () => {
  const child = spawn(process.execPath, [bin, 'codec-server', '--port', '0'], {
    env: { ...process.env, LEDGERBRIDGE_DATA_DIR: dataDir, LEDGERBRIDGE_CODEC_KEYS: KEY.toString('hex'), LEDGERBRIDGE_CODEC_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (c: Buffer) => {
        output += c.toString();
        const found = /codec server (http:\/\/\S+)/.exec(output);
        if (found) resolve(found[1]!);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then((code) => reject(new Error(`codec-server exited with ${code}: ${output}`)));
    });
    const [encrypted] = await createEncryptionCodec(codecKeySet([KEY])).encode([defaultPayloadConverter.toPayload('NOK 612 345.00')]);
    const body = JSON.stringify({ payloads: [payloadToJson(encrypted!)] });
    const post = (headers: Record<string, string>) => fetch(`${url}/decode`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers }, body });

    expect((await post({})).status).toBe(401);
    const decoded = await post({ Authorization: `Bearer ${TOKEN}` });
    expect(decoded.status).toBe(200);
    const { payloads } = (await decoded.json()) as { payloads: { data: string }[] };
    expect(Buffer.from(payloads[0]!.data, 'base64').toString()).toBe('"NOK 612 345.00"');
  } finally {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }
  expect(output).not.toContain(TOKEN);
  expect(output).not.toContain(KEY.toString('hex'));
});
