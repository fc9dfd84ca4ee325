/**
 * A sandbox's memory on disk, for the sandboxes `npm start` and `ledgerbridge sandbox start` run: they stand for
 * the customer's real systems, so closed batches, the ledger and the journal must outlive a restart. Written
 * whole to a temporary file and renamed over the old one (a crash mid-write leaves the previous state, never
 * half a file), a moment after the last change and once more on close. Maps, Sets and Buffers survive the trip.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** How long after a change the state is written: a burst of requests costs one write. */
const DEBOUNCE_MS = 250;

export interface StateFile<T> {
  readonly path: string;
  /** The saved state, or undefined when there is none yet. */
  load(): T | undefined;
  /** Something changed: write soon. */
  changed(): void;
  /** Write now (and stop waiting for the debounce); on close. */
  flush(): Promise<void>;
}

export function stateFile<T>(file: string, snapshot: () => T): StateFile<T> {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = undefined;
    // One write at a time, in order: a slow write is never overtaken by an older snapshot.
    // A failed write does not stop the later ones.
    writing = writing.catch(() => undefined).then(() => writeAtomically(file, encodeState(snapshot())));
    return writing;
  };
  return {
    path: file,
    load() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      try {
        return decodeState<T>(text);
      } catch (err) {
        throw new Error(`sandbox state ${file} is not readable (${(err as Error).message}): move it away to start the sandbox from its seed`);
      }
    },
    changed() {
      if (!timer) timer = setTimeout(() => void write().catch(() => undefined), DEBOUNCE_MS);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      await write();
    },
  };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temp, text);
  await fs.promises.rename(temp, file);
}

/**
 * A sandbox server whose state lives in `file`: every answered request may have changed it (a SOAP save, a
 * closed batch, a login), so each one schedules a write; closing writes the last state after the server stops.
 */
export function persistRequests<H extends (req: IncomingMessage, res: ServerResponse) => void>(handler: H, file: StateFile<unknown> | undefined): H {
  if (!file) return handler;
  return ((req: IncomingMessage, res: ServerResponse) => {
    // 'close', not 'finish': a lost-response fault handles the call, then drops the connection unanswered.
    res.once('close', () => file.changed());
    handler(req, res);
  }) as H;
}

/** Stops the server, then writes the state it ended with. */
export function closeAndSave(server: { close(): Promise<void> }, file: StateFile<unknown> | undefined): () => Promise<void> {
  return async () => {
    try {
      await server.close();
    } finally {
      await file?.flush();
    }
  };
}

export function encodeState(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    // `this[key]` is the value before toJSON: Buffer.toJSON would otherwise turn it into an array of bytes.
    const raw = this[key];
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    if (raw instanceof Set) return { $set: [...raw.values()] };
    if (Buffer.isBuffer(raw)) return { $buffer: raw.toString('base64') };
    return v;
  });
}

export function decodeState<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.$map)) return new Map(o.$map as [unknown, unknown][]);
      if (Array.isArray(o.$set)) return new Set(o.$set);
      if (typeof o.$buffer === 'string') return Buffer.from(o.$buffer, 'base64');
    }
    return v;
  }) as T;
}

/** Restoring into a store's readonly maps: the same Map objects, the saved contents. */
export function refill<K, V>(target: Map<K, V>, source: Map<K, V>): void {
  target.clear();
  for (const [k, v] of source) target.set(k, v);
}
