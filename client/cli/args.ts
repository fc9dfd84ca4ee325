/**
 * Flags for one command: `--name value`, `--name=value`, repeatable `--setting k=v`, booleans. Secrets are
 * never accepted here: argv is visible in `ps` and shell history.
 */
import { CliError } from './output';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

const SECRET_FLAG = /pass(word)?|secret|token|api-?key|credential(?!s-)/i;

export function parseArgs(argv: string[], booleans: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (SECRET_FLAG.test(name) && !['credentials-stdin', 'credential-env'].includes(name)) {
      throw new CliError(
        `--${name}: secrets are never taken from the command line (they end up in shell history and \`ps\`). ` +
          'Pipe them as JSON on stdin with --credentials-stdin, or name environment variables with --credential-env field=VAR.',
      );
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (booleans.includes(name)) value = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new CliError(`--${name} needs a value`);
      value = next;
      i++;
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positionals, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

/** `--limit N` and its kind: a whole number from 1 to 10000, or `fallback` when absent. */
export function countFlag(args: ParsedArgs, name: string, fallback: number): number {
  const text = flag(args, name);
  const value = Number(text ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw new CliError(`--${name} ${text}: a whole number from 1 to 10000`);
  return value;
}

export function requiredFlag(args: ParsedArgs, name: string, example: string): string {
  const value = flag(args, name)?.trim();
  if (!value) throw new CliError(`--${name} is required, e.g. ${example}`);
  return value;
}

export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.has(name);
}

/** `--setting a=1 --setting b=x` → { a: 1, b: 'x' } (numbers, booleans and JSON values parsed). */
export function keyValues(args: ParsedArgs, name: string): Record<string, unknown> {
  return Object.fromEntries(pairs(args.flags.get(name) ?? [], `--${name} `).map(([k, v]) => [k, parseValue(v)]));
}

/** `a=1 b='{"x":2}'` as positionals → { a: 1, b: { x: 2 } } (numbers, booleans and JSON values parsed). */
export function positionalKeyValues(args: ParsedArgs, from: number): Record<string, unknown> {
  return Object.fromEntries(pairs(args.positionals.slice(from)).map(([k, v]) => [k, parseValue(v)]));
}

/** `key=value` words split at the first `=` (the key is required); values stay text. */
export function pairs(words: string[], where = ''): [string, string][] {
  return words.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`${where}${pair}: expected key=value`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function positional(args: ParsedArgs, index: number, what: string, example: string): string {
  const value = args.positionals[index];
  if (!value) throw new CliError(`missing ${what}, e.g. ${example}`);
  return value;
}
