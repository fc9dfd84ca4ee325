import type { CommandContext } from './context';
import type { ParsedArgs } from './args';

/** One `ledgerbridge <group> <verb>` command: its help is written beside its code. */
export interface Command {
  /** e.g. "tenants add" */
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  /** Flags that take no value. */
  booleans?: string[];
  /** Commands that run a long-lived process (start, worker, sandbox start) own their lifecycle. */
  longRunning?: boolean;
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}

export function helpText(cmd: Command): string {
  return [
    `${cmd.summary}`,
    '',
    `Usage: ledgerbridge ${cmd.usage}`,
    '',
    'Examples:',
    ...cmd.examples.map((e) => `  ${e}`),
    '',
    'Global flags: --json (machine-readable output), --help',
  ].join('\n');
}
