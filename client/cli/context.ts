/**
 * What a command may need, opened lazily and closed once: the database (the running embedded stack's, through
 * its PGlite socket, or DATABASE_URL, or PGlite under ./.data), the secret box, and a Temporal client.
 */
import type { Client, Connection } from '@temporalio/client';
import { openDatabase, type Database } from '../../db';
import { loadSecretBox, type SecretBox } from '../../db/secrets';
import { databaseTarget } from '../../platform/config';
import { dataDir } from '../../platform/paths';
import { connectClient } from '../../platform/temporal-connection';
import { createLogger, silentLogger, type Logger } from '../../platform/log';
import type { Output } from './output';

export interface CommandContext {
  out: Output;
  log: Logger;
  database(): Promise<Database>;
  secrets(): SecretBox;
  temporal(): Promise<Client>;
  stdin(): Promise<string>;
  close(): Promise<void>;
}

export function createCommandContext(out: Output, readStdin: () => Promise<string> = readAll): CommandContext {
  const log = createLogger({ level: 'warn' });
  let database: Promise<Database> | undefined;
  let box: SecretBox | undefined;
  let temporal: Promise<{ client: Client; connection: Connection }> | undefined;
  return {
    out,
    log,
    database() {
      database ??= openDatabase(databaseTarget());
      return database;
    },
    secrets() {
      // The development-key warning belongs where secrets are written (connections add says it) and to
      // `npm start`; repeated on every read-only command it would drown what the operator asked for.
      box ??= loadSecretBox({ dataDir: dataDir(), log: silentLogger });
      return box;
    },
    async temporal() {
      temporal ??= connectClient();
      return (await temporal).client;
    },
    stdin: readStdin,
    async close() {
      await Promise.allSettled([database?.then((d) => d.close()), temporal?.then((t) => t.connection.close())]);
    },
  };
}

async function readAll(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
