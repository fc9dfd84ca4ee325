/**
 * What the settlement's sync activities open for one DUELL department: the tenant's `duell` settings, the DUELL
 * connection (named in `source`, or the only one) and the department's 24SevenOffice company (its `company`, or the
 * only 24SevenOffice connection). The workflow passes ids only; settings are read here, where they are current.
 */
import type { TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import type { Duell } from '../../connectors/duell';
import { connectionOf, createConnectionRepo, createTenantRepo, ROUTES } from '../../db/repos';
import { duellSettings, type DuellDepartmentSettings, type DuellSettings } from '../../domain/settlement/settings';
import type { ActivityDeps } from '../deps';
import { attention } from '../failures';
import { openConnector } from '../openConnector';

export const ROUTE = ROUTES.duellTo24so;
/** The export log's flow for everything of the daily settlement. */
export const FLOW = 'duell';

/** One DUELL department of a tenant, and the workflow for the export log. */
export interface DepartmentRef {
  tenant: string;
  department: string;
  workflowId: string;
}

export interface SyncSystems {
  settings: DuellDepartmentSettings;
  duell: Duell;
  tso: TwentyFourSevenOffice;
  /** The 24SevenOffice connection's id: cursors and cross-references of one company are kept apart from another's. */
  company: string;
}

/**
 * The cross-references' entity of one company: DUELL's customer and product numbers are the chain's, the ids they
 * link to one company's, so a second company keeps its own links (customer 10001 is company 7 in one, 12 in another).
 */
export function linkedEntity(entity: 'customer' | 'product', company: string): string {
  return `${entity}@${company}`;
}

export async function openSyncSystems(deps: ActivityDeps, ref: DepartmentRef): Promise<SyncSystems> {
  const t = await createTenantRepo(deps.db).get(ref.tenant);
  let all: DuellSettings;
  try {
    all = duellSettings(t.settings, ref.tenant);
  } catch (err) {
    throw attention('ValidationFailed', (err as Error).message);
  }
  const settings = all.departments[ref.department];
  if (!settings) {
    throw attention('ValidationFailed', `tenant ${ref.tenant}: DUELL department ${ref.department} is not in the duell settings; add it: ` +
      `ledgerbridge tenants settings ${ref.tenant} duell='{"departments":{"${ref.department}":{"department":<24SevenOffice department id>}}}'`);
  }
  const connections = createConnectionRepo(deps.db, deps.secrets);
  const [duellId, company] = await Promise.all([
    connectionOf(connections, ref.tenant, 'duell', all.source, 'duell'),
    connectionOf(connections, ref.tenant, '24sevenoffice', settings.company, 'duell'),
  ]);
  const [duell, tso] = await Promise.all([openConnector<Duell>(deps, ref.tenant, duellId), openConnector<TwentyFourSevenOffice>(deps, ref.tenant, company)]);
  return { settings, duell: duell.connector, tso: tso.connector, company };
}

/** Every page of a DUELL read, in one list. */
export async function allPages<R>(pages: AsyncIterable<R[]>): Promise<R[]> {
  const all: R[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
