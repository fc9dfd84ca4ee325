/**
 * Does 24SevenOffice have what a mapping points at? `mappings set … account 3010=3999` is refused when the tenant's
 * 24SevenOffice is reachable and has no account 3999, so the mistake shows at once and not at the next month-end
 * preflight. When 24SevenOffice cannot be asked (no connection yet, offline, wrong credentials) the mapping is set
 * and the caller warns: a mapping may be prepared before the company exists. A tenant with several companies (one
 * 24SevenOffice connection each) is asked in each company the mapping applies to: every one, except on DUELL's
 * route, where a department's mapping (`OSL/payment:cash`) goes to its company only and the tenant's to the
 * companies its departments post to.
 */
import type { TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import { openConnector } from '../../activities/openConnector';
import { createConnectionRepo, createTenantRepo, type Connection, type Route } from '../../db/repos';
import { duellSettings } from '../../domain/settlement/settings';
import type { CommandContext } from './context';

/** How long the CLI waits for 24SevenOffice before setting the mapping unchecked. */
const ASK_WITHIN_MS = 15_000;

type Lister = (tso: TwentyFourSevenOffice) => Promise<{ ids: Set<string>; what: string }>;

const accountList: Lister = async (tso) => ({ ids: new Set((await tso.accounts()).map((a) => String(a.accountNo))), what: 'account' });

const LISTS: Record<string, Lister> = {
  account: accountList,
  'settlement-account': accountList,
  'voucher-type': async (tso) => ({ ids: new Set((await tso.voucherTypes()).map((t) => String(t.typeNo))), what: 'voucher type (TypeNo)' }),
  'vat-code': async (tso) => ({ ids: new Set((await tso.taxCodes()).map((t) => String(t.taxNo))), what: 'tax code (TaxNo)' }),
  project: async (tso) => ({ ids: new Set((await tso.projects()).map((p) => String(p.id))), what: 'project id' }),
  department: async (tso) => ({ ids: new Set((await tso.departments()).map((d) => String(d.id))), what: 'department id' }),
};

export type TargetCheck =
  | { kind: 'checked'; missing: Array<{ connection: string; targets: string[]; what: string }> }
  | { kind: 'unchecked'; why: string };

/** Each company the mappings apply to is asked for their targets; kinds without a list are not checked. */
export async function checkTargets(ctx: CommandContext, tenant: string, kind: string, route: Route, entries: Array<[source: string, target: string]>): Promise<TargetCheck | undefined> {
  const list = LISTS[kind];
  if (!list) return undefined;
  const { db } = await ctx.database();
  const connections = (await createConnectionRepo(db, ctx.secrets()).list(tenant)).filter((c) => c.system === '24sevenoffice');
  if (connections.length === 0) return { kind: 'unchecked', why: `tenant ${tenant} has no 24SevenOffice connection yet` };
  const companiesOf = route.source === 'duell' ? await duellCompanies(ctx, tenant, connections) : () => connections;
  const missing: Array<{ connection: string; targets: string[]; what: string }> = [];
  for (const c of connections) {
    const targets = [...new Set(entries.filter(([source]) => companiesOf(source).includes(c)).map(([, target]) => target))];
    if (targets.length === 0) continue;
    try {
      const { connector } = await openConnector<TwentyFourSevenOffice>({ db, secrets: ctx.secrets(), log: ctx.log }, tenant, c.id);
      const { ids, what } = await within(list(connector), ASK_WITHIN_MS);
      const absent = targets.filter((t) => !ids.has(t));
      if (absent.length > 0) missing.push({ connection: c.name, targets: absent, what });
    } catch (err) {
      return { kind: 'unchecked', why: `24SevenOffice (connection ${c.name}) could not be asked: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  return { kind: 'checked', missing };
}

/**
 * The companies a DUELL mapping's source applies to: its department's (`OSL/…`), or those of every department;
 * a department without `company` posts to the tenant's only connection. Settings that do not parse ask every one.
 */
async function duellCompanies(ctx: CommandContext, tenant: string, connections: Connection[]): Promise<(source: string) => Connection[]> {
  const { db } = await ctx.database();
  let departments: Record<string, { company?: string }>;
  try {
    departments = duellSettings((await createTenantRepo(db).get(tenant)).settings, tenant).departments;
  } catch {
    return () => connections;
  }
  const companyOf = (d: { company?: string }) => (d.company === undefined ? connections : connections.filter((c) => c.name === d.company || c.id === d.company));
  const all = [...new Set(Object.values(departments).flatMap(companyOf))];
  return (source) => {
    const department = /^([^/]+)\//.exec(source)?.[1];
    if (department !== undefined && departments[department]) return companyOf(departments[department]!);
    return all.length > 0 ? all : connections;
  };
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
