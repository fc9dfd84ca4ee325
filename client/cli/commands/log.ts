/** `ledgerbridge log`: the export log, newest first: the first place to look when "the batch did not appear". */
import type { Command } from '../command';
import { CliError, EXIT } from '../output';
import { countFlag, flag, positional } from '../args';
import { createExportLogRepo, createTenantRepo } from '../../../db/repos';
import { EXPORT_OUTCOMES, type ExportOutcome } from '../../../db/schema';

export const log: Command = {
  name: 'log',
  summary: "A tenant's export log, newest first: one row per transfer attempt with its outcome and message",
  usage: `log <tenant> [--flow batch] [--source <id>] [--outcome ${EXPORT_OUTCOMES.join('|')}] [--limit N] [--json]`,
  examples: ['ledgerbridge log demo', 'ledgerbridge log demo --flow batch --source 2026-11-3', 'ledgerbridge log demo --outcome failed --limit 200 --json'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge log demo');
    const limit = countFlag(args, 'limit', 50);
    const outcome = flag(args, 'outcome') as ExportOutcome | undefined;
    if (outcome !== undefined && !EXPORT_OUTCOMES.includes(outcome)) throw new CliError(`--outcome ${outcome}: use one of ${EXPORT_OUTCOMES.join(', ')}`);
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    const rows = await createExportLogRepo(db).list({ tenant, flow: flag(args, 'flow'), sourceId: flag(args, 'source'), outcome, limit });
    if (ctx.out.json) {
      ctx.out.table(rows as unknown as Record<string, unknown>[]);
      return EXIT.ok;
    }
    ctx.out.table(rows.map((r) => ({ at: r.at, flow: r.flow, entity: r.entityType, source: r.sourceId, target: r.targetId, outcome: r.outcome, attempt: r.attempt, message: r.message })),
      ['at', 'flow', 'entity', 'source', 'target', 'outcome', 'attempt', 'message']);
    if (rows.length === limit) ctx.out.say(`(the newest ${limit}; more with --limit ${Math.min(limit * 4, 10_000)})`);
    return EXIT.ok;
  },
};
