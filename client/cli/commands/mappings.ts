/** `ledgerbridge mappings set | list`: a tenant's source → target translations (voucher types, accounts, VAT codes …). */
import type { Command } from '../command';
import { CliError, EXIT } from '../output';
import { flag, pairs, positional } from '../args';
import { createBatchRepo, createMappingRepo, createTenantRepo } from '../../../db/repos';
import { supportedSystems } from '../../../connectors/registry';
import type { SystemName } from '../../../connectors/types';
import { MAPPING_KINDS, mappingProblem } from '../../../domain/mappingKinds';
import type { ParsedArgs } from '../args';

const KIND_HELP = Object.entries(MAPPING_KINDS).map(([kind, r]) => `  ${kind.padEnd(13)} ${r.meaning}, e.g. ${r.example}`).join('\n');

export const mappingsSet: Command = {
  name: 'mappings set',
  summary: "Set a tenant's mappings of one kind: source=target pairs, replacing the same sources' old targets",
  usage: `mappings set <tenant> <kind> <source>=<target> [<source>=<target> …] [--system 24sevenoffice]\n\nKinds:\n${KIND_HELP}`,
  examples: [
    'ledgerbridge mappings set acme voucher-type salesInvoice=1 cost=3 payment=4 cashSettlement=6',
    'ledgerbridge mappings set acme account 3010=3000',
    'ledgerbridge mappings set acme project P-100=2',
  ],
  async run(args, ctx) {
    const example = 'ledgerbridge mappings set acme voucher-type salesInvoice=1';
    const tenant = positional(args, 0, 'the tenant id', example);
    const kind = positional(args, 1, 'the mapping kind', example);
    const entries = pairs(args.positionals.slice(2));
    if (entries.length === 0) throw new CliError(`missing source=target pairs, e.g. ${example}`);
    const problems = entries.map(([s, t]) => mappingProblem(kind, s, t)).filter((p) => p !== undefined);
    if (problems.length > 0) throw new CliError(`tenant ${tenant}: ${[...new Set(problems)].join('; ')}`);
    const system = systemFlag(args);
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    const repo = createMappingRepo(db);
    for (const [source, target] of entries) await repo.set(tenant, system, kind, source, target);
    ctx.out.table(entries.map(([source, target]) => ({ system, kind, source, target })), ['system', 'kind', 'source', 'target']);
    // A batch stuck on a missing mapping picks it up only on retry.
    const stuck = (await createBatchRepo(db).list(tenant)).filter((b) => b.stage === 'needs-attention');
    for (const b of stuck) ctx.out.say(`next: ledgerbridge batch retry ${tenant} ${b.batchId}   (batch ${b.label} needs attention)`);
    return EXIT.ok;
  },
};

export const mappingsList: Command = {
  name: 'mappings list',
  summary: "List a tenant's mappings, all kinds or one",
  usage: 'mappings list <tenant> [--kind <kind>] [--system 24sevenoffice] [--json]',
  examples: ['ledgerbridge mappings list acme', 'ledgerbridge mappings list acme --kind voucher-type --json'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge mappings list acme');
    const kind = flag(args, 'kind');
    if (kind !== undefined && !MAPPING_KINDS[kind]) throw new CliError(`--kind ${kind}: use one of ${Object.keys(MAPPING_KINDS).join(', ')}`);
    const system = systemFlag(args);
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    const rows = await createMappingRepo(db).list(tenant, system, kind);
    ctx.out.table(rows.map((m) => ({ system, kind: m.kind, source: m.sourceKey, target: m.targetKey })), ['system', 'kind', 'source', 'target']);
    return EXIT.ok;
  },
};

function systemFlag(args: ParsedArgs): SystemName {
  const system = (flag(args, 'system') ?? '24sevenoffice') as SystemName;
  if (!supportedSystems().includes(system)) throw new CliError(`--system must be one of: ${supportedSystems().join(', ')}`);
  return system;
}
