/**
 * Runs `temporal server start-dev` as a child process for `npm start` and the test run, and waits until it
 * answers. With a persistent --db-filename, search attributes added after the first start are not applied to
 * the existing namespace, so they are registered through the operator service as well.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { Connection } from '@temporalio/client';
import { searchAttributeFlags, searchAttributeKeys } from '../workflows/searchAttributes';
import { temporal } from '@temporalio/proto';

export interface DevServerOptions {
  cli: string;
  port?: number; // 0 = a free port
  uiPort?: number; // omitted = headless
  dbFile?: string; // omitted = in memory
  namespace?: string;
  codecEndpoint?: string;
  startTimeoutMs?: number;
  /** More `--dynamic-config-value KEY=JSON` settings, e.g. a low continue-as-new threshold for a test. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  namespace: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = options.port || (await freePort());
  const namespace = options.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace,
    '--log-level', 'error', '--log-format', 'json'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.codecEndpoint) args.push('--ui-codec-endpoint', options.codecEndpoint);
  for (const sa of searchAttributeFlags) args.push('--search-attribute', sa);
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);

  const child = spawn(options.cli, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
  // A Go panic names its cause first and its goroutines after: keep both ends.
  let head = '';
  let tail = '';
  child.stderr!.on('data', (c: Buffer) => {
    if (head.length < 2000) head += c.toString().slice(0, 2000 - head.length);
    tail = (tail + c.toString()).slice(-2000);
  });
  const stderr = () => (head.length < 2000 ? head : `${head}\n…\n${tail}`);
  const address = `127.0.0.1:${port}`;
  try {
    await waitForHealth(options.cli, address, child, stderr, options.startTimeoutMs ?? 60_000);
    await registerSearchAttributes(address, namespace);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    address,
    namespace,
    pid: child.pid!,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () => stopChild(child),
  };
}

async function waitForHealth(cli: string, address: string, child: ChildProcess, stderr: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`temporal server start-dev exited with ${child.exitCode}: ${stderr().trim() || 'no output'}`);
    }
    const health = spawnSync(cli, ['operator', 'cluster', 'health', '--address', address], { encoding: 'utf8' });
    if (health.status === 0 && /SERVING/.test(health.stdout)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Temporal dev server at ${address} did not become healthy within ${timeoutMs / 1000}s: ${stderr().trim()}`);
}

async function registerSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = searchAttributeKeys.filter((k) => !(k.name in (existing.customAttributes ?? {})));
    if (missing.length === 0) return;
    const { IndexedValueType } = temporal.api.enums.v1;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((k) => [k.name, k.type === 'BOOL' ? IndexedValueType.INDEXED_VALUE_TYPE_BOOL : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
      ),
    });
  } finally {
    await connection.close();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

export async function freePort(): Promise<number> {
  // Below Linux's ephemeral range (32768–60999), from which the OS hands out ports for port 0 and for outgoing
  // connections: between this check and the caller's listen, the OS never gives the port away; only another
  // random choice like this one could take it.
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
