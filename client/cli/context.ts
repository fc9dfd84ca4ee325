/**
 * What a command may need, opened lazily and closed once: the database (the running embedded stack's, through
 * its PGlite socket, or DATABASE_URL, or PGlite under ./.data), the secret box, and a Temporal client.
 */
import type { Client, Connection } from '@temporalio/client';
import { openDatabase, type Database } from '../../db';
import { loadSecretBox, type SecretBox } from '../../db/secrets';
import { databaseTarget, TASK_QUEUE, workerWaitMs } from '../../platform/config';
import { whileWorkerPolls } from '../workerPresence';
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
  /**
   * Every wait on a workflow goes through here (a result, an update's answer, a live status): when no worker
   * polls the task queue it says so at once and how to start one, and gives up after LEDGERBRIDGE_WORKER_WAIT_SECONDS
   * with NoWorkerPolling (exit 3) instead of waiting in silence.
   */
  waitOnWorkflow<T>(workflowId: string, work: (client: Client) => Promise<T>): Promise<T>;
  stdin(): Promise<string>;
  close(): Promise<void>;
}

export function createCommandContext(out: Output, readStdin: () => Promise<string> = readAll): CommandContext {
  const log = createLogger({ level: 'warn' });
  let database: Promise<Database> | undefined;
  let box: SecretBox | undefined;
  let temporal: Promise<{ client: Client; connection: Connection }> | undefined;
  const client = async () => {
    temporal ??= connectClient();
    return (await temporal).client;
  };
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
    temporal: client,
    async waitOnWorkflow(workflowId, work) {
      const temporalClient = await client();
      return whileWorkerPolls(temporalClient, { workflowId, taskQueue: TASK_QUEUE }, work(temporalClient), {
        limitMs: workerWaitMs(),
        onMissing: (m) => out.note(`warning: ${m}`),
      });
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
