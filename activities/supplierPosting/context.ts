/**
 * What every post-mode activity opens: the tenant's CostTracker and 24SevenOffice connectors (the connections its
 * `matching` settings name, or its only ones), the posting settings and the route's mappings.
 */
import { settingsSchema as tsoSettingsSchema, type TwentyFourSevenOffice, type TwentyFourSevenOfficeSettings } from '../../connectors/24sevenoffice';
import type { CostTracker } from '../../connectors/costtracker/api';
import { settingsSchema as costTrackerSettingsSchema, type CostTrackerSettings } from '../../connectors/costtracker/config';
import { connectionOf, createConnectionRepo, createCrossReferenceRepo, createMappingRepo, createTenantRepo, ROUTES } from '../../db/repos';
import { POSTING_FLOW } from '../../domain/matching/posting';
import { matchingSettings, type MatchingSettings } from '../../domain/matching/settings';
import type { ActivityDeps } from '../deps';
import { attention } from '../failures';
import { openConnector } from '../openConnector';
import type { PostingMapping } from './voucher';

export const ROUTE = ROUTES.costtrackerTo24so;
export const TARGET = '24sevenoffice' as const;
/** The export log's flow of post mode. */
export const FLOW = POSTING_FLOW;

/** A received invoice's identity at 24SevenOffice's edge (activities/exactlyOnce.ts) and as owner of its voucher number. */
export const postingKey = (invoiceId: string) => `costtracker/invoice/${invoiceId}`;

export interface PostingSystems {
  costtracker: CostTracker;
  costtrackerSettings: CostTrackerSettings;
  target: TwentyFourSevenOffice;
  targetSettings: TwentyFourSevenOfficeSettings;
  settings: MatchingSettings;
}

export async function openPostingSystems(deps: ActivityDeps, tenant: string): Promise<PostingSystems> {
  const settings = await loadMatchingSettings(deps, tenant);
  const connections = createConnectionRepo(deps.db, deps.secrets);
  const [costtrackerId, targetId] = await Promise.all([
    connectionOf(connections, tenant, 'costtracker', settings.costtracker, 'matching'),
    connectionOf(connections, tenant, '24sevenoffice', settings.accounting, 'matching'),
  ]);
  const [costtracker, target] = await Promise.all([
    openConnector<CostTracker>(deps, tenant, costtrackerId), openConnector<TwentyFourSevenOffice>(deps, tenant, targetId),
  ]);
  return {
    costtracker: costtracker.connector,
    costtrackerSettings: costTrackerSettingsSchema.parse(costtracker.connection.settings),
    target: target.connector,
    targetSettings: tsoSettingsSchema.parse(target.connection.settings),
    settings,
  };
}

export async function loadMatchingSettings(deps: ActivityDeps, tenant: string): Promise<MatchingSettings> {
  const t = await createTenantRepo(deps.db).get(tenant);
  try {
    return matchingSettings(t.settings, tenant);
  } catch (err) {
    throw attention('ValidationFailed', (err as Error).message);
  }
}

/**
 * The tenant's costtracker → 24sevenoffice mappings, loaded once per activity. CostTracker mirrors the accounting
 * system's ids, so a code without a mapping is taken as 24SevenOffice's own (a numeric one as the id).
 */
export async function loadPostingMapping(deps: ActivityDeps, tenant: string): Promise<PostingMapping> {
  const [all, suppliers] = await Promise.all([
    createMappingRepo(deps.db).list(tenant, ROUTE), createCrossReferenceRepo(deps.db).list(tenant, ROUTE, 'supplier'),
  ]);
  const of = (kind: string) => new Map(all.filter((m) => m.kind === kind).map((m) => [m.sourceKey, m.targetKey]));
  const [accounts, vat, projects, departments] = ['account', 'vat-code', 'project', 'department'].map(of) as Map<string, string>[];
  const supplierIds = new Map(suppliers.map((s) => [s.sourceId, s.targetId]));
  const numeric = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  return {
    supplierId: (supplier) => numeric(supplierIds.get(supplier) ?? supplier),
    account: (no) => numeric(accounts!.get(String(no))) ?? no,
    taxNo: (code) => vat!.get(code) ?? code,
    projectId: (code) => numeric(projects!.get(code) ?? code),
    departmentId: (code) => numeric(departments!.get(code) ?? code),
  };
}

export { attention } from '../failures';
