/** What every `ledgerbridge batch …` command reads first: the tenant and batch words, the store, Telaris. */
import { isTelarisBatchId } from '../../connectors/telaris';
import { createTenantRepo } from '../../db/repos';
import type { TelarisAccess } from '../telaris';
import { positional, type ParsedArgs } from './args';
import type { CommandContext } from './context';
import { CliError } from './output';

export interface BatchWords {
  tenant: string;
  batchId: string;
}

/** `<tenant> <batch>`; the batch is Telaris' id (2026-11-3), the form `batch list` prints. */
export function batchWords(args: ParsedArgs, command: string): BatchWords {
  const example = `ledgerbridge ${command} demo 2026-11-3`;
  const tenant = positional(args, 0, 'the tenant id', example);
  const batchId = positional(args, 1, 'the batch id', example);
  if (!isTelarisBatchId(batchId)) {
    throw new CliError(`"${batchId}" is not a batch id: use period and number as \`ledgerbridge batch list ${tenant}\` prints them, e.g. ${example}`);
  }
  return { tenant, batchId };
}

/** The database, the secret box and the log: enough to open the tenant's connectors. Checks the tenant exists. */
export async function telarisAccess(ctx: CommandContext, tenant: string): Promise<TelarisAccess> {
  const { db } = await ctx.database();
  await createTenantRepo(db).get(tenant);
  return { db, secrets: ctx.secrets(), log: ctx.log };
}
