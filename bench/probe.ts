/**
 * Measuring instruments for the benchmark, none of which changes what is measured:
 * - a memory sampler (RSS, heap, external) of this process, which is the worker's;
 * - a tally of database queries and HTTP exchanges (per external system) with their time, attributed to the
 *   activity type that made them (read from @temporalio/activity's context, which follows the async chain),
 *   or to "outside activities" (the raw baseline, setup). Activities run one at a time in this workflow, so
 *   the times add up per stage.
 */
import http from 'node:http';
import { Context } from '@temporalio/activity';
import type { Db } from '../db';

export interface MemoryPeak {
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
  samples: number;
}

/** Samples every `everyMs` until stopped; reset() starts a new peak (e.g. per phase). */
export function sampleMemory(everyMs = 200) {
  let peak = { rss: 0, heapUsed: 0, external: 0, samples: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak = { rss: Math.max(peak.rss, m.rss), heapUsed: Math.max(peak.heapUsed, m.heapUsed), external: Math.max(peak.external, m.external), samples: peak.samples + 1 };
  };
  const timer = setInterval(sample, everyMs).unref();
  const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
  return {
    reset() { peak = { rss: 0, heapUsed: 0, external: 0, samples: 0 }; sample(); },
    peak(): MemoryPeak { sample(); return { rssMiB: mib(peak.rss), heapUsedMiB: mib(peak.heapUsed), externalMiB: mib(peak.external), samples: peak.samples }; },
    stop() { clearInterval(timer); },
  };
}

export interface Tally { count: number; ms: number }
/** where (activity type or 'outside activities') → what ('db', 'http 24sevenoffice', 'http telaris') → tally */
export type Tallies = Record<string, Record<string, Tally>>;

export function createTallies() {
  let tallies: Tallies = {};
  /** Per SQL statement (its first 90 characters), for "which query costs most". */
  let statements: Record<string, Tally> = {};
  const where = () => {
    try {
      return Context.current().info.activityType;
    } catch {
      return 'outside activities';
    }
  };
  const add = (at: string, what: string, ms: number) => {
    const t = ((tallies[at] ??= {})[what] ??= { count: 0, ms: 0 });
    t.count++;
    t.ms += ms;
  };

  /** Counts every query PGlite runs for drizzle (PGlite only; PostgreSQL is not instrumented). */
  function instrumentDb(db: Db): void {
    const client = (db as unknown as { $client?: { query: (...a: unknown[]) => Promise<unknown> } }).$client;
    if (!client?.query) throw new Error('bench: the database is not PGlite; cannot count queries');
    const query = client.query.bind(client);
    client.query = async (...args: unknown[]) => {
      const at = where();
      const t0 = performance.now();
      try {
        return await query(...args);
      } finally {
        const ms = performance.now() - t0;
        add(at, 'db', ms);
        const text = `${at}: ${String(args[0]).replace(/\s+/g, ' ').slice(0, 90)}`;
        const t = (statements[text] ??= { count: 0, ms: 0 });
        t.count++;
        t.ms += ms;
      }
    };
  }

  /** Counts HTTP exchanges (request to last response byte) by target port: which sandbox they went to. */
  function instrumentHttp(systemByPort: Record<string, string>): void {
    const request = http.request;
    (http as { request: typeof http.request }).request = function (this: unknown, ...args: unknown[]) {
      const first = args[0];
      const port = first instanceof URL ? first.port : typeof first === 'string' ? new URL(first).port : String((first as http.RequestOptions)?.port ?? '');
      const what = `http ${systemByPort[port] ?? 'other'}`;
      const at = where();
      const t0 = performance.now();
      const req = (request as (...a: unknown[]) => http.ClientRequest).apply(this, args);
      let done = false;
      const finish = () => { if (!done) { done = true; add(at, what, performance.now() - t0); } };
      req.once('response', (res) => { res.once('end', finish); res.once('close', finish); });
      req.once('error', finish);
      return req;
    } as typeof http.request;
  }

  return {
    instrumentDb,
    instrumentHttp,
    /** The tallies since the last take(), then start afresh. */
    take(): Tallies {
      const out = tallies;
      tallies = {};
      for (const byWhat of Object.values(out)) for (const t of Object.values(byWhat)) t.ms = Math.round(t.ms);
      return out;
    },
    /** The costliest SQL statements since the last call, by total time. */
    takeStatements(top = 10): (Tally & { statement: string })[] {
      const out = Object.entries(statements).map(([statement, t]) => ({ statement, count: t.count, ms: Math.round(t.ms) }));
      statements = {};
      return out.sort((a, b) => b.ms - a.ms).slice(0, top);
    },
  };
}

/** A V8 CPU profile of this process (the worker's main thread) between start() and stop(), for Chrome DevTools. */
export async function cpuProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      (await import('node:fs')).writeFileSync(file, JSON.stringify(profile));
    },
  };
}
