/**
 * Every environment variable ledgerbridge reads, in one place (the README's configuration table mirrors it).
 * Unset TEMPORAL_ADDRESS / DATABASE_URL mean the embedded default: `ledgerbridge start` runs a Temporal dev
 * server and PGlite under ./.data and records their addresses in .data/runtime.json for other commands.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './paths';

export interface Runtime {
  temporalAddress: string;
  namespace: string;
  databaseUrl?: string;
  uiUrl?: string;
  pid: number;
  startedAt: string;
}

export const TASK_QUEUE = process.env.LEDGERBRIDGE_TASK_QUEUE ?? 'ledgerbridge';

/** How long a command that waits on a workflow waits for a worker to poll TASK_QUEUE before it gives up (exit 3). */
export function workerWaitMs(): number {
  const seconds = Number(process.env.LEDGERBRIDGE_WORKER_WAIT_SECONDS ?? 30);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
}

export function runtimeFile(): string {
  return path.join(dataDir(), 'runtime.json');
}

/** The embedded stack's addresses, if `ledgerbridge start` is running on this machine. */
export function readRuntime(): Runtime | undefined {
  try {
    const runtime = JSON.parse(fs.readFileSync(runtimeFile(), 'utf8')) as Runtime;
    process.kill(runtime.pid, 0); // throws when that process is gone
    return runtime;
  } catch {
    return undefined;
  }
}

/** The Temporal UI's page of one workflow. */
export function workflowUiUrl(uiUrl: string, namespace: string, workflowId: string): string {
  return `${uiUrl}/namespaces/${namespace}/workflows/${encodeURIComponent(workflowId)}`;
}

export function writeRuntime(runtime: Runtime): void {
  fs.mkdirSync(dataDir(), { recursive: true });
  fs.writeFileSync(runtimeFile(), JSON.stringify(runtime, null, 2));
}

export function clearRuntime(): void {
  fs.rmSync(runtimeFile(), { force: true });
}

/**
 * Which database a command or a second worker opens: DATABASE_URL; else the PGlite of a running `npm start`
 * through its socket (shared: that process owns and has migrated it); else PGlite under the data dir.
 */
export function databaseTarget(): { url?: string; shared: boolean } {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, shared: false };
  const runtime = readRuntime();
  return runtime?.databaseUrl ? { url: runtime.databaseUrl, shared: true } : { shared: false };
}
