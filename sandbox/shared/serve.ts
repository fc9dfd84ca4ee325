/**
 * How every REST sandbox comes up: its state from the state file when there is one (else the seed), its handler
 * behind the size-bounded request reader, saved after each answered request and on close.
 */
import http from 'node:http';
import { listen } from './http';
import { closeAndSave, persistRequests, stateFile } from './stateFile';

export interface PersistentStore<T> {
  snapshot(): T;
  restore(saved: T): void;
}

/** What every sandbox is started with. */
export interface SandboxOptions {
  /** 0 (default) = a random free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** Seed the demo company or organisation (default true); ignored when the state file holds a saved sandbox. */
  seed?: boolean;
  /** Bound on a request body (larger → 413); each sandbox has its default. */
  maxRequestBytes?: number;
  /** The sandbox clock (tests move it to expire tokens, cross a month …). */
  now?: () => Date;
  /**
   * Keep the state in this JSON file across restarts (`npm start`, `ledgerbridge sandbox start`): loaded on start
   * instead of the seed when it exists, written after changes and on close. Default: in memory only.
   */
  stateFile?: string;
}

/** A running sandbox: its base URL, its admin (in process; the same operations under /admin over HTTP) and close(). */
export interface RunningSandbox<Admin> {
  /** e.g. http://127.0.0.1:41234 — a connection's baseUrl */
  url: string;
  admin: Admin;
  close(): Promise<void>;
}

export async function serveSandbox<T>(
  store: PersistentStore<T>,
  options: SandboxOptions,
  seed: () => void,
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const file = options.stateFile ? stateFile(options.stateFile, () => store.snapshot()) : undefined;
  const saved = file?.load();
  if (saved) store.restore(saved);
  else if (options.seed ?? true) seed();
  const server = await listen(http.createServer(persistRequests(handler, file)), options.port, options.host);
  await file?.flush();
  return { url: server.url, close: closeAndSave(server, file) };
}
