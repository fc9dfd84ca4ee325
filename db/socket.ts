/**
 * PGlite's data directory belongs to one process. While `npm start` holds it, other processes (the CLI, a
 * second worker) reach the same database through a PostgreSQL wire socket on loopback; `.data/runtime.json`
 * tells them where. PGlite is a single session: the socket queues whole messages (and keeps a transaction's
 * statements together), its messages and this process's transactions pass one gate (pgliteGate.ts), and two
 * connections of one client could interleave the steps of their queries, so clients open one connection each
 * (openDatabase's `shared`). For heavier sharing, run PostgreSQL.
 */
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Database } from './index';

export async function servePglite(database: Database, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  if (!database.pglite) throw new Error('only an embedded PGlite database needs a socket; PostgreSQL has its own');
  const server = new PGLiteSocketServer({ db: database.pglite.forSocket(), port, host: '127.0.0.1', maxConnections: 32 });
  await server.start();
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}
