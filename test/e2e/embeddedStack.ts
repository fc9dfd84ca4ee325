/**
 * `ledgerbridge start` as the e2e tests run it: its own data directory and free ports for everything it serves,
 * none of the test process's database, cluster or keys, and each started stack stopped after its test (as Ctrl-C
 * would, killed when it does not stop).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadCodecKeys } from '../../platform/codecKeys';
import { ledgerbridgeDataConverter } from '../../platform/dataConverter';
import { freePort } from '../../platform/dev-server';

export interface StartedStack {
  child: ChildProcess;
  /** Everything printed until "Ctrl-C stops everything". */
  ready: Promise<string>;
  exited: Promise<number>;
  /** Everything printed so far. */
  output(): string;
}

export interface EmbeddedStack {
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  start(): StartedStack;
  /** A Temporal client of the running stack that decodes its payloads (the key `npm start` keeps in the data dir). */
  client<T>(use: (client: Client) => Promise<T>): Promise<T>;
}

export function useEmbeddedStack(prefix: string): EmbeddedStack {
  const bin = path.resolve(__dirname, '../../bin/ledgerbridge.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let env: NodeJS.ProcessEnv = {};
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    env = { ...process.env, LEDGERBRIDGE_DATA_DIR: dataDir };
    for (const name of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'LEDGERBRIDGE_SECRET_KEY', 'LEDGERBRIDGE_CODEC_KEYS', 'LEDGERBRIDGE_CODEC_TOKEN']) delete env[name];
    for (const name of ['TEMPORAL', 'UI', 'SANDBOX_24SO', 'SANDBOX_TELARIS', 'SANDBOX_SEVERA', 'SANDBOX_TALENOM', 'SANDBOX_COSTTRACKER', 'SANDBOX_DUELL', 'CODEC']) {
      env[`LEDGERBRIDGE_${name}_PORT`] = String(await freePort());
    }
    env.LEDGERBRIDGE_METRICS_ADDRESS = `127.0.0.1:${await freePort()}`;
  });

  afterEach(async () => {
    for (const child of started.splice(0).filter((c) => c.exitCode === null && c.signalCode === null)) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(killer);
    }
  });

  return {
    get env() { return env; },
    dataDir,
    start() {
      const child = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      started.push(child);
      let output = '';
      const ready = new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ctrl-C stops everything')) resolve(output);
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => reject(new Error(`start exited with ${code} before it was ready:\n${output}`)));
      });
      const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
      return { child, ready, exited, output: () => output };
    },
    async client(use) {
      const runtime = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as { temporalAddress: string };
      const connection = await Connection.connect({ address: runtime.temporalAddress });
      try {
        return await use(new Client({ connection, dataConverter: ledgerbridgeDataConverter(loadCodecKeys({ dataDir, env: {} }).keys) }));
      } finally {
        await connection.close();
      }
    },
  };
}
