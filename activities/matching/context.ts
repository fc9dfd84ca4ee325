/**
 * What every matching activity opens: the tenant's `matching` settings, its 24SevenOffice and CostTracker
 * connections (named there, or the only ones), and the CostTracker connection's own setup (mode, fetch filter,
 * ordered criteria) as CostTracker's settings hold it.
 */
import type { TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import type { CostTracker } from '../../connectors/costtracker/api';
import { settingsSchema as costTrackerSettingsSchema, type CostTrackerSettings } from '../../connectors/costtracker/config';
import { connectionOf, createConnectionRepo, createTenantRepo } from '../../db/repos';
import { matchingSettings, type MatchingSettings } from '../../domain/matching/settings';
import type { ActivityDeps } from '../deps';
import { attention } from '../failures';
import { openConnector } from '../openConnector';

/** A matching run or the matching desk: which tenant, and the workflow for the export log. */
export interface MatchingRef {
  tenant: string;
  workflowId: string;
}

export interface MatchingSetup {
  settings: MatchingSettings;
  accountingId: string;
  costTrackerId: string;
  /** The CostTracker connection's settings: mode, filter, criteria, page size. */
  costTracker: CostTrackerSettings;
}

export interface MatchingSystems extends MatchingSetup {
  accounting: TwentyFourSevenOffice;
  ct: CostTracker;
}

export async function loadMatchingSetup(deps: ActivityDeps, tenant: string): Promise<MatchingSetup> {
  const t = await createTenantRepo(deps.db).get(tenant);
  let settings: MatchingSettings;
  try {
    settings = matchingSettings(t.settings, tenant);
  } catch (err) {
    throw attention('ValidationFailed', (err as Error).message);
  }
  const connections = createConnectionRepo(deps.db, deps.secrets);
  const [accountingId, costTrackerId] = await Promise.all([
    connectionOf(connections, tenant, '24sevenoffice', settings.accounting, 'matching'),
    connectionOf(connections, tenant, 'costtracker', settings.costtracker, 'matching'),
  ]);
  const stored = await connections.get(costTrackerId);
  const parsed = costTrackerSettingsSchema.safeParse(stored.settings);
  if (!parsed.success) {
    throw attention('ValidationFailed', `tenant ${tenant}, CostTracker connection ${costTrackerId}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}. ` +
      `Fix it with: ledgerbridge connections add ${tenant} --system costtracker --name ${stored.name} … (replaces it)`);
  }
  return { settings, accountingId, costTrackerId, costTracker: parsed.data };
}

export async function openMatchingSystems(deps: ActivityDeps, tenant: string): Promise<MatchingSystems> {
  const setup = await loadMatchingSetup(deps, tenant);
  const [accounting, ct] = await Promise.all([
    openConnector<TwentyFourSevenOffice>(deps, tenant, setup.accountingId),
    openConnector<CostTracker>(deps, tenant, setup.costTrackerId),
  ]);
  return { ...setup, accounting: accounting.connector, ct: ct.connector };
}

/** What the run needs to choose its path: the mode and the connections, never a secret. CostTracker is asked who we are, so a refused token needs attention at once. */
export async function resolveMatching(deps: ActivityDeps, ref: MatchingRef): Promise<{ mode: 'fetch' | 'post'; accounting: string; costTracker: string; criteria: string[]; organisation: string }> {
  const systems = await openMatchingSystems(deps, ref.tenant);
  const organisation = await systems.ct.organisation();
  return { mode: systems.costTracker.mode, accounting: systems.accountingId, costTracker: systems.costTrackerId, criteria: systems.costTracker.criteria, organisation: organisation.name };
}
