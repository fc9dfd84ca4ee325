/**
 * `ledgerbridge mappings set | list | remove`: a tenant's source → target translations (voucher types, accounts, VAT codes …)
 * per route (--source telaris --target 24sevenoffice). Customer and supplier ids are cross-references the flows
 * write themselves; setting one by hand links it, marked as the operator's.
 */
import type { Command } from '../command';
import { CliError, EXIT } from '../output';
import { flag, hasFlag, pairs, positional } from '../args';
import type { CommandContext } from '../context';
import { checkTargets } from '../targetCheck';
import { createBatchRepo, createCrossReferenceRepo, createMappingRepo, createTenantRepo, type Route } from '../../../db/repos';
import { SYSTEMS } from '../../../db/schema';
import type { SystemName } from '../../../connectors/types';
import { MAPPING_KINDS, mappingProblem } from '../../../domain/mappingKinds';
import type { ParsedArgs } from '../args';

const KIND_HELP = Object.entries(MAPPING_KINDS).map(([kind, r]) => `  ${kind.padEnd(13)} ${r.meaning}, e.g. ${r.example}`).join('\n');

export const mappingsSet: Command = {
  name: 'mappings set',
  summary: "Set a tenant's mappings of one kind: source=target pairs, replacing the same sources' old targets",
  usage: `mappings set <tenant> <kind> <source>=<target> [<source>=<target> …] [--source telaris] [--target 24sevenoffice] [--no-check]\n\n` +
    `Mappings belong to one route: Telaris' account 3010 and DUELL's are mapped apart (--source duell).\n` +
    `Targets in 24SevenOffice (accounts, voucher types, tax codes, projects, departments) are looked up in the tenant's company first: ` +
    `one it lacks is refused (exit 4); when 24SevenOffice cannot be asked the mapping is set with a warning. --no-check skips the look-up.\n\nKinds:\n${KIND_HELP}`,
  examples: [
    'ledgerbridge mappings set acme voucher-type salesInvoice=1 cost=3 payment=4 cashSettlement=6',
    'ledgerbridge mappings set acme account 3010=3000',
    'ledgerbridge mappings set acme project P-100=2',
    'ledgerbridge mappings set acme account 3010=3000 --source duell',
  ],
  booleans: ['no-check'],
  async run(args, ctx) {
    const example = 'ledgerbridge mappings set acme voucher-type salesInvoice=1';
    const tenant = positional(args, 0, 'the tenant id', example);
    const kind = positional(args, 1, 'the mapping kind', example);
    const entries = pairs(args.positionals.slice(2));
    if (entries.length === 0) throw new CliError(`missing source=target pairs, e.g. ${example}`);
    const problems = entries.map(([s, t]) => mappingProblem(kind, s, t)).filter((p) => p !== undefined);
    if (problems.length > 0) throw new CliError(`tenant ${tenant}: ${[...new Set(problems)].join('; ')}`);
    const route = routeFlags(args);
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    if (route.target === '24sevenoffice' && !hasFlag(args, 'no-check')) await refuseMissingTargets(ctx, tenant, kind, route, entries);
    if (MAPPING_KINDS[kind]!.crossReference) {
      const xrefs = createCrossReferenceRepo(db);
      for (const [source, target] of entries) await xrefs.link(tenant, route, kind, source, target, 'operator');
    } else {
      const repo = createMappingRepo(db);
      for (const [source, target] of entries) await repo.set(tenant, route, kind, source, target);
    }
    ctx.out.table(entries.map(([source, target]) => ({ route: routeName(route), kind, source, target })), ['route', 'kind', 'source', 'target']);
    // A batch stuck on a missing mapping picks it up only on retry.
    const stuck = (await createBatchRepo(db).list(tenant)).filter((b) => b.stage === 'needs-attention');
    for (const b of stuck) ctx.out.say(`next: ledgerbridge batch retry ${tenant} ${b.batchId}   (batch ${b.label} needs attention)`);
    return EXIT.ok;
  },
};

/** A target 24SevenOffice lacks is refused while it can be asked; when it cannot, the mapping is set with a warning. */
async function refuseMissingTargets(ctx: CommandContext, tenant: string, kind: string, route: Route, entries: Array<[string, string]>): Promise<void> {
  const check = await checkTargets(ctx, tenant, kind, route, entries);
  if (check?.kind === 'unchecked') {
    ctx.out.note(`warning: ${check.why}; the mapping is set unchecked (the next preflight checks it)`);
  } else if (check && check.missing.length > 0) {
    const lacking = check.missing.map((m) => `connection ${m.connection} has no ${m.what} ${m.targets.join(', ')}`).join('; ');
    throw new CliError(`tenant ${tenant}: 24SevenOffice ${lacking}; nothing was set. Create it in 24SevenOffice or map to one that exists ` +
      `(the connection check lists what is there: ledgerbridge connections test ${tenant} ${check.missing[0]!.connection}); ` +
      `--no-check sets it anyway`, EXIT.notFound);
  }
}

export const mappingsList: Command = {
  name: 'mappings list',
  summary: "List a tenant's mappings, all kinds or one",
  usage: 'mappings list <tenant> [--kind <kind>] [--source telaris] [--target 24sevenoffice] [--json]',
  examples: ['ledgerbridge mappings list acme', 'ledgerbridge mappings list acme --kind voucher-type --json'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge mappings list acme');
    const kind = flag(args, 'kind');
    if (kind !== undefined && !MAPPING_KINDS[kind]) throw new CliError(`--kind ${kind}: use one of ${Object.keys(MAPPING_KINDS).join(', ')}`);
    const route = routeFlags(args);
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    const rows = (await createMappingRepo(db).list(tenant, route, kind)).map((m) => ({ route: routeName(route), kind: m.kind, source: m.sourceKey, target: m.targetKey, origin: 'operator' }));
    const xrefs = createCrossReferenceRepo(db);
    for (const entity of Object.keys(MAPPING_KINDS).filter((k) => MAPPING_KINDS[k]!.crossReference && (kind === undefined || kind === k))) {
      for (const x of await xrefs.list(tenant, route, entity)) rows.push({ route: routeName(route), kind: entity, source: x.sourceId, target: x.targetId, origin: x.origin });
    }
    ctx.out.table(rows, ['route', 'kind', 'source', 'target', 'origin']);
    return EXIT.ok;
  },
};

export const mappingsRemove: Command = {
  name: 'mappings remove',
  summary: "Remove a tenant's mappings of one kind by source key (a flow that needs one stops at preflight and names it)",
  usage: 'mappings remove <tenant> <kind> <source> [<source> …] [--source telaris] [--target 24sevenoffice] [--json]',
  examples: [
    'ledgerbridge mappings remove acme account 3010',
    'ledgerbridge mappings remove acme customer 10001   # forget a learnt link: the next run matches or creates the customer again',
    'ledgerbridge mappings remove acme account 3010 --source duell',
  ],
  async run(args, ctx) {
    const example = 'ledgerbridge mappings remove acme account 3010';
    const tenant = positional(args, 0, 'the tenant id', example);
    const kind = positional(args, 1, 'the mapping kind', example);
    if (!MAPPING_KINDS[kind]) throw new CliError(`"${kind}" is not a mapping kind: use one of ${Object.keys(MAPPING_KINDS).join(', ')}`);
    const sources = args.positionals.slice(2);
    if (sources.length === 0) throw new CliError(`missing the source keys to remove, e.g. ${example}`);
    const route = routeFlags(args);
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    const removed: string[] = [];
    if (MAPPING_KINDS[kind]!.crossReference) {
      const xrefs = createCrossReferenceRepo(db);
      for (const source of sources) {
        if ((await xrefs.targetOf(tenant, route, kind, source)) === undefined) continue;
        await xrefs.unlink(tenant, route, kind, source);
        removed.push(source);
      }
    } else {
      const repo = createMappingRepo(db);
      for (const source of sources) if (await repo.remove(tenant, route, kind, source)) removed.push(source);
    }
    ctx.out.table(removed.map((source) => ({ route: routeName(route), kind, source, removed: true })), ['route', 'kind', 'source', 'removed']);
    const missing = sources.filter((s) => !removed.includes(s));
    if (missing.length > 0) {
      throw new CliError(`tenant ${tenant} has no ${kind} mapping for ${missing.join(', ')} on ${routeName(route)}: see ledgerbridge mappings list ${tenant} --kind ${kind}` +
        (route.source === 'telaris' ? ' (another route? --source duell)' : ''), EXIT.notFound);
    }
    return EXIT.ok;
  },
};

/** --source (default telaris) and --target (default 24sevenoffice; --system is its older name). */
function routeFlags(args: ParsedArgs): Route {
  // Any system a flow will speak, not only those with a connector today: DUELL's mappings come before its flow.
  const system = (name: string, value: string) => {
    if (!SYSTEMS.includes(value as SystemName)) throw new CliError(`--${name} ${value}: use one of ${SYSTEMS.join(', ')}`);
    return value as SystemName;
  };
  return { source: system('source', flag(args, 'source') ?? 'telaris'), target: system('target', flag(args, 'target') ?? flag(args, 'system') ?? '24sevenoffice') };
}

const routeName = (r: Route) => `${r.source}→${r.target}`;
