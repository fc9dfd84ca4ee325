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

  /** The PGlite the socket server sees: its messages pass the gate, and our transactions are not its clients'. */
  forSocket(): PGlite {
    const gate = this;
    return new Proxy(this.client, {
      get(target, prop) {
        if (prop === 'runExclusive') return <T>(fn: () => Promise<T>) => gate.run(() => target.runExclusive(fn));
        if (prop === 'isInTransaction') return () => !gate.inProcessTransaction && target.isInTransaction();
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}
