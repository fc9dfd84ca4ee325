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

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Seed a new sandbox (default true); ignored when the state file holds a saved one. */
  seed?: boolean;
  stateFile?: string;
}

export async function serveSandbox<T>(
  store: PersistentStore<T>,
  options: ServeOptions,
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
