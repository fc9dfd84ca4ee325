/**
 * `ledgerbridge`: the operator's command line. Every command has help with examples (`ledgerbridge <cmd> --help`),
 * prints tables for people and JSON with --json, and exits with the codes in output.ts.
 */
import { parseArgs } from './args';
import { helpText, type Command } from './command';
import { createCommandContext } from './context';
import { CliError, createOutput, EXIT } from './output';
import { commands } from './commands';
import { describeError } from './errors';

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const help = argv.includes('--help') || argv.includes('-h');
  const words = argv.filter((a) => a !== '--json' && a !== '--help' && a !== '-h');
  const out = createOutput(json);

  const cmd = findCommand(words);
  if (!cmd) {
    if (words.length > 0 && !help) out.note(`unknown command: ${words.join(' ')}\n`);
    process.stdout.write(overview() + '\n');
    return words.length > 0 && !help ? EXIT.usage : EXIT.ok;
  }
  if (help) {
    process.stdout.write(helpText(cmd) + '\n');
    return EXIT.ok;
  }
  const ctx = createCommandContext(out);
  try {
    const args = parseArgs(words.slice(cmd.name.split(' ').length), cmd.booleans);
    return await cmd.run(args, ctx);
  } catch (err) {
    const { message, exitCode } = describeError(err);
    if (json) process.stdout.write(JSON.stringify({ error: message, exitCode }) + '\n');
    out.note(`error: ${message}`);
    if (err instanceof CliError && err.exitCode === EXIT.usage) out.note(`see: ledgerbridge ${cmd.name} --help`);
    return exitCode;
  } finally {
    if (!cmd.longRunning) await ctx.close();
  }
}

function findCommand(words: string[]): Command | undefined {
  // The longest name that prefixes the words wins: "sandbox start" before "sandbox".
  return [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((w, i) => words[i] === w));
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'ledgerbridge: durable accounting integrations on Temporal',
    '',
    'Usage: ledgerbridge <command> [arguments] [--json] [--help]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 ok · 1 not ok (failed check, needs attention) · 2 usage · 3 environment unreachable · 4 not found · 5 conflict',
    'Start here: npm start (embedded stack), then ledgerbridge tenants list',
  ].join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
