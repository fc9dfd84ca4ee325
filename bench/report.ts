/**
 * The benchmark's result: one JSON document (for tools and later comparisons) and a Markdown page (for
 * people), with the machine named so numbers from different machines are not compared blindly.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { HistoryProfile } from './history';
import type { MemoryPeak, Tallies, Tally } from './probe';
import type { RawResult } from './raw';
import type { MatchingBenchResult } from './matching/cascade';
import { matchingMarkdown, pipelineMarkdown } from './matching/report';
import type { PipelineResult } from './matching/pipeline';

export const GOAL_RATIO = 0.8;

export interface Machine {
  cpu: string; cores: number; memoryGiB: number; node: string; os: string; temporalCli: string;
  /** 1-minute load average when the run began: other work on a shared machine skews the numbers. */
  loadAtStart: number;
}

export interface RunSide {
  vouchers: number;
  chunks: number;
  durationMs: number;
  vouchersPerSecond: number;
  /** 24SevenOffice calls per operation (Login included), from the sandbox's counters. */
  calls: Record<string, number>;
  callsPer1000: number;
  logins: number;
}

export interface BenchResult {
  kind: 'full' | 'quick';
  measuredAt: string;
  commit: string;
  machine: Machine;
  config: { vouchers: number; chunkSize: number; customers: number; mode: 'direct'; maxResponseBytes: number | null };
  workflow: RunSide & {
    outcome: string;
    /** Set when the batch stopped in "needs attention" (the benchmark then ends it). */
    attention?: string;
    historyEvents: number;
    historyBound: number;
    telarisCalls: Record<string, number>;
    memory: { setupRssMiB: { start: number; database: number; worker: number }; beforeRssMiB: number; peak: MemoryPeak };
  };
  raw: RunSide & Pick<RawResult, 'setupMs' | 'chunkMs'> & { memory: { peak: MemoryPeak } };
  /** workflow vouchers/s ÷ raw vouchers/s */
  ratio: number;
  goal: { ratio: number; met: boolean };
  profile: { history: HistoryProfile; io: { workflow: Tallies; raw: Tallies }; statements: (Tally & { statement: string })[] };
  matching: MatchingBenchResult;
  pipeline: PipelineResult;
  checks: { name: string; ok: boolean; detail: string }[];
  totalMs: number;
}

export function machine(cli: string, loadAtStart: number): Machine {
  const version = (() => {
    try { return execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
  })();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}`, temporalCli: version, loadAtStart,
  };
}

export function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

export function side(vouchers: number, chunks: number, durationMs: number, calls: Record<string, number>, logins: number): RunSide {
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  return {
    vouchers, chunks, durationMs: Math.round(durationMs), vouchersPerSecond: round(vouchers / (durationMs / 1000), 1), calls,
    callsPer1000: round((total / Math.max(vouchers, 1)) * 1000, 2), logins,
  };
}

export function writeResults(dir: string, base: string, r: BenchResult): { json: string; md: string } {
  const json = `${dir}/${base}.json`;
  const md = `${dir}/${base}.md`;
  fs.writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  fs.writeFileSync(md, markdown(r));
  return { json, md };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const n = (x: number) => x.toLocaleString('en-US').replace(/,/g, ' ');
const s = (ms: number) => (ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const elapsed = (a: { spanMs: number; wallMs: number }) => Math.min(a.spanMs, a.wallMs);
const sum = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

function markdown(r: BenchResult): string {
  const w = r.workflow;
  const ops = [...new Set([...Object.keys(w.calls), ...Object.keys(r.raw.calls)])].sort();
  const io = (t: Tallies[string] | undefined, what: string) => (t?.[what] ? `${n(t[what]!.count)} / ${s(t[what]!.ms)}` : '–');
  const lines = [
    `# Benchmark: accounting batch, Telaris → 24SevenOffice (${r.kind} run)`,
    '',
    `Measured ${r.measuredAt} at commit ${r.commit} with \`npm run bench${r.kind === 'quick' ? ' -- --quick' : ''}\`.`,
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.os}; ${r.machine.temporalCli}; load average ${r.machine.loadAtStart} at start.`,
    `Batch: ${n(r.config.vouchers)} vouchers, ${r.config.customers} customers, chunk size ${r.config.chunkSize}, ${r.config.mode} mode (ledger).`,
    '',
    '| | workflow (close → export → result) | raw SaveBundleList loop |',
    '|---|---:|---:|',
    `| vouchers | ${n(w.vouchers)} | ${n(r.raw.vouchers)} |`,
    `| chunks (SaveBundleList) | ${w.chunks} | ${r.raw.chunks} |`,
    `| duration | ${s(w.durationMs)} | ${s(r.raw.durationMs)} (setup ${s(r.raw.setupMs)} not counted) |`,
    `| **vouchers / second** | **${w.vouchersPerSecond}** | **${r.raw.vouchersPerSecond}** |`,
    `| 24SevenOffice API calls | ${n(sum(w.calls))} | ${n(sum(r.raw.calls))} (setup included) |`,
    `| calls per 1 000 vouchers | ${w.callsPer1000} | ${r.raw.callsPer1000} |`,
    `| logins | ${w.logins} | ${r.raw.logins} |`,
    `| peak RSS / heap used (this process) | ${w.memory.peak.rssMiB} / ${w.memory.peak.heapUsedMiB} MiB (RSS ${w.memory.beforeRssMiB} MiB before) | ${r.raw.memory.peak.rssMiB} / ${r.raw.memory.peak.heapUsedMiB} MiB |`,
    '',
    ...(w.attention ? [`**The workflow did not finish**: it stopped in needs attention after ${s(w.durationMs)} (the benchmark then terminated it): ${w.attention}`, ''] : []),
    `**Ratio workflow / raw: ${r.ratio}** — goal ≥ ${r.goal.ratio}: ${r.goal.met ? 'met' : '**not met**'}.`,
    `Memory: RSS ${w.memory.setupRssMiB.start} MiB at start, ${w.memory.setupRssMiB.database} MiB once PGlite (on disk) was open, ${w.memory.setupRssMiB.worker} MiB once the worker had bundled the workflows; ` +
      'sandboxes and the Temporal server run in other processes and are not counted.',
    `History: ${n(w.historyEvents)} events (bound ${n(w.historyBound)}), ${r.profile.history.workflowTasks} workflow tasks. Total run ${s(r.totalMs)}.`,
    '',
    '## Where the workflow\'s time goes',
    '',
    'From the workflow history, in the order the steps ran: wall time sums scheduled → completed per run (timed-out attempts included), ' +
      'elapsed is the smaller of that and first scheduled → last completed (runs in flight together overlap), last run sums the last ' +
      'attempts\' started → completed. Per activity, the database queries and HTTP exchanges of all its attempts (count / time).',
    '',
    '| activity | runs | retried attempts | elapsed | share | wall time | last run | DB queries | 24SevenOffice | Telaris |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.profile.history.activities.map((a) => `| ${a.activity} | ${a.count} | ${r.profile.history.retries[a.activity] ?? 0} | ${s(elapsed(a))} | ` +
      `${Math.round((elapsed(a) / w.durationMs) * 100)} % | ${s(a.wallMs)} | ${s(a.runMs)} | ` +
      `${io(r.profile.io.workflow[a.activity], 'db')} | ${io(r.profile.io.workflow[a.activity], 'http 24sevenoffice')} | ${io(r.profile.io.workflow[a.activity], 'http telaris')} |`),
    `| no activity in flight (workflow tasks) | | | ${s(r.profile.history.betweenActivitiesMs)} | ${Math.round((r.profile.history.betweenActivitiesMs / w.durationMs) * 100)} % | | | | | |`,
    `| raw loop, for comparison | ${r.raw.chunks} | | ${s(r.raw.durationMs)} | | | | ${io(r.profile.io.raw['outside activities'], 'db')} | ${io(r.profile.io.raw['outside activities'], 'http 24sevenoffice (raw)')} | ${io(r.profile.io.raw['outside activities'], 'http telaris')} |`,
    '',
    `Raw chunk time: min ${r.raw.chunkMs.min} ms, median ${r.raw.chunkMs.median} ms, max ${r.raw.chunkMs.max} ms (the raw row's I/O is the loop's alone).`,
    '',
    '## Costliest database statements (workflow)',
    '',
    '| activity: statement | count | time |',
    '|---|---:|---:|',
    ...r.profile.statements.map((t) => `| \`${t.statement.replace(/\|/g, '\\|')}\` | ${n(t.count)} | ${s(t.ms)} |`),
    '',
    '## 24SevenOffice calls per operation',
    '',
    '| operation | workflow | raw |',
    '|---|---:|---:|',
    ...ops.map((op) => `| ${op} | ${w.calls[op] ?? 0} | ${r.raw.calls[op] ?? 0} |`),
    '',
    ...matchingMarkdown(r.matching),
    ...pipelineMarkdown(r.pipeline, r.kind === 'full'),
    '## Checks (correctness only; speed is never asserted)',
    '',
    ...r.checks.map((c) => `- ${c.ok ? '✔' : '✘'} ${c.name}: ${c.detail}`),
    '',
  ];
  return lines.join('\n');
}
