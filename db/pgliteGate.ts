/**
 * PGlite is one session, shared by this process's queries and, under `npm start`, by the socket's clients (the
 * CLI, a second worker: db/socket.ts). Without care a transaction of one side takes in the other side's
 * statements, and the socket's queue can stall waiting for a statement of a client that has gone. The gate keeps
 * them apart: an in-process transaction holds it for its whole length (and waits while a socket client is inside
 * a transaction of its own), and the socket runs each of its messages through it.
 */
import type { PGlite } from '@electric-sql/pglite';

export class PgliteGate {
  private tail: Promise<void> = Promise.resolve();
  private inProcessTransaction = false;

  constructor(private readonly client: PGlite) {}

  /** First come, first served. */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await before;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** An in-process transaction, never interleaved with a socket client's statements. */
  async transaction<T>(body: () => Promise<T>): Promise<T> {
    for (;;) {
      const done = await this.run(async () => {
        if (this.client.isInTransaction()) return undefined; // a socket client is inside one: let it finish
        this.inProcessTransaction = true;
        try {
          return { value: await body() };
        } finally {
          this.inProcessTransaction = false;
        }
      });
      if (done) return done.value;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /**
   * The PGlite the socket server sees: its messages pass the gate, and our transactions are not its clients'. A
   * client's extended-protocol query is several messages (Parse, Bind, Describe, Execute) up to its Sync, which the
   * socket hands over one at a time; PGlite's unnamed statement and portal live between them, so nothing else may
   * run in between: from the first message to the Sync the session is held (our statements wait), and the socket
   * is told the session is busy (it then takes only that client's messages).
   */
  forSocket(): PGlite {
    const gate = this;
    let sequence: (() => void) | undefined; // ends the held session
    let lastType = 0;
    const endSequence = () => { const end = sequence; sequence = undefined; end?.(); };
    const runMessage = <T>(fn: () => Promise<T>): Promise<T> => {
      if (sequence) {
        // Inside the client's sequence: the session is held already.
        return fn().finally(() => { if (!continuesSequence(lastType)) endSequence(); }).catch((err) => { endSequence(); throw err; });
      }
      return new Promise<T>((resolve, reject) => {
        gate.run(() => this.client.runExclusive(async () => {
          let value: T;
          try {
            value = await fn();
          } catch (err) {
            reject(err);
            return;
          }
          resolve(value);
          if (continuesSequence(lastType)) await new Promise<void>((end) => { sequence = end; });
        })).catch(reject);
      });
    };
    return new Proxy(this.client, {
      get(target, prop) {
        if (prop === 'runExclusive') return runMessage;
        if (prop === 'isInTransaction') return () => sequence !== undefined || (!gate.inProcessTransaction && target.isInTransaction());
        if (prop === 'execProtocolRawStream') {
          return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
            lastType = message[0] ?? 0;
            return target.execProtocolRawStream(message, options);
          };
        }
        // A client gone mid-sequence is rolled back with exec(): the held session must be let go first.
        if (prop === 'exec' || prop === 'query') {
          return (...args: unknown[]) => { endSequence(); return (target[prop] as (...a: unknown[]) => unknown)(...args); };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

/** Parse, Bind, Describe, Execute, Close and Flush leave an extended-protocol query open; Sync (or anything else) ends it. */
function continuesSequence(type: number): boolean {
  return 'PBDECH'.includes(String.fromCharCode(type));
}
