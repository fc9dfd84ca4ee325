/**
 * Does 24SevenOffice have what a mapping points at? `mappings set … account 3010=3999` is refused when the tenant's
 * 24SevenOffice is reachable and has no account 3999, so the mistake shows at once and not at the next month-end
 * preflight. When 24SevenOffice cannot be asked (no connection yet, offline, wrong credentials) the mapping is set
 * and the caller warns: a mapping may be prepared before the company exists.
 */
import type { TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import { openConnector } from '../../activities/openConnector';
import { createConnectionRepo } from '../../db/repos';
import type { CommandContext } from './context';

/** How long the CLI waits for 24SevenOffice before setting the mapping unchecked. */
const ASK_WITHIN_MS = 15_000;

type Lister = (tso: TwentyFourSevenOffice) => Promise<{ ids: Set<string>; what: string }>;

const LISTS: Record<string, Lister> = {
  account: async (tso) => ({ ids: new Set((await tso.accounts()).map((a) => String(a.accountNo))), what: 'account' }),
  'voucher-type': async (tso) => ({ ids: new Set((await tso.voucherTypes()).map((t) => String(t.typeNo))), what: 'voucher type (TypeNo)' }),
  'vat-code': async (tso) => ({ ids: new Set((await tso.taxCodes()).map((t) => String(t.taxNo))), what: 'tax code (TaxNo)' }),
  project: async (tso) => ({ ids: new Set((await tso.projects()).map((p) => String(p.id))), what: 'project id' }),
  department: async (tso) => ({ ids: new Set((await tso.departments()).map((d) => String(d.id))), what: 'department id' }),
};

export type TargetCheck =
  | { kind: 'checked'; missing: Array<{ connection: string; targets: string[]; what: string }> }
  | { kind: 'unchecked'; why: string };

/** Each of the tenant's 24SevenOffice connections (one company each) is asked; kinds without a list are not checked. */
export async function checkTargets(ctx: CommandContext, tenant: string, kind: string, targets: string[]): Promise<TargetCheck | undefined> {
  const list = LISTS[kind];
  if (!list) return undefined;
  const { db } = await ctx.database();
  const connections = (await createConnectionRepo(db, ctx.secrets()).list(tenant)).filter((c) => c.system === '24sevenoffice');
  if (connections.length === 0) return { kind: 'unchecked', why: `tenant ${tenant} has no 24SevenOffice connection yet` };
  const missing: Array<{ connection: string; targets: string[]; what: string }> = [];
  for (const c of connections) {
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

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
