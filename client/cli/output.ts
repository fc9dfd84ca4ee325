/**
 * The conventions every `ledgerbridge` command follows: tables for people, `--json` for scripts, one-sentence
 * errors that say what to do, and stable exit codes (documented in the README and in `ledgerbridge --help`).
 */
import { alarmOf, colourWanted, paint, type Style } from './colour';

export const EXIT = {
  ok: 0,
  /** The command ran but the answer is "not ok": a failed check, a batch that needs attention. */
  notOk: 1,
  usage: 2,
  /** Temporal, the database or the CLI binary cannot be reached. */
  environment: 3,
  notFound: 4,
  /** A conflict with existing state: duplicate tenant, already exported. */
  conflict: 5,
} as const;

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
  }
}

export interface Output {
  json: boolean;
  /** Data: a table (people) or JSON (scripts). */
  table(rows: Record<string, unknown>[], columns?: string[]): void;
  /** One value: key/value lines (people) or JSON. */
  record(value: Record<string, unknown>): void;
  /** Prose for people; nothing with --json. */
  say(line: string): void;
  /** Progress and warnings: stderr, so `--json | jq` stays clean. */
  note(line: string): void;
}

export function createOutput(
  json: boolean, write = (s: string) => process.stdout.write(s), writeErr = (s: string) => process.stderr.write(s), colour = colourWanted(),
): Output {
  return {
    json,
    table(rows, columns) {
      if (json) return write(JSON.stringify(rows, null, 2) + '\n');
      write(renderTable(rows, columns, colour) + '\n');
    },
    record(value) {
      if (json) return write(JSON.stringify(value, null, 2) + '\n');
      const width = Math.max(...Object.keys(value).map((k) => k.length));
      for (const [k, v] of Object.entries(value)) write(`${k.padEnd(width)}  ${cell(v)}\n`);
    },
    say(line) {
      if (!json) write(line + '\n');
    },
    note(line) {
      writeErr(line + '\n');
    },
  };
}

/** With `colour`, a bold header and alarming words (failed, needs-attention) in red; widths count the text only. */
export function renderTable(rows: Record<string, unknown>[], columns?: string[], colour = false): string {
  if (rows.length === 0) return '(none)';
  const cols = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: string[], style: (v: string) => Style | undefined) => vals.map((v, i) => {
    const padded = v.padEnd(i === vals.length - 1 ? 0 : widths[i]!);
    const s = colour ? style(v) : undefined;
    return s ? paint(s, v) + padded.slice(v.length) : padded;
  }).join('  ').trimEnd();
  return [line(cols.map((c) => c.toUpperCase()), () => 'bold'), ...cells.map((r) => line(r, alarmOf))].join('\n');
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
