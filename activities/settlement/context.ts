/**
 * What every settlement activity opens: the tenant's `duell` settings and one department's, the DUELL connection
 * (`duell.source`, or the tenant's only one) and the department's 24SevenOffice company (its `company`, a
 * 24SevenOffice connection name, or the tenant's only one), and the route's mappings.
 */
import { settingsSchema as tsoSettingsSchema, type TwentyFourSevenOffice, type TwentyFourSevenOfficeSettings } from '../../connectors/24sevenoffice';
import type { Duell } from '../../connectors/duell';
import { connectionOf, createConnectionRepo, createMappingRepo, createTenantRepo, ROUTES } from '../../db/repos';
import { settlementAccounts, type SettlementAccounts } from '../../domain/settlement/accounts';
import { SETTLEMENT_FLOW } from '../../domain/settlement/flow';
import { duellSettings, type DuellDepartmentSettings, type DuellSettings } from '../../domain/settlement/settings';
import type { ActivityDeps } from '../deps';
import { attention } from '../failures';
import { openConnector } from '../openConnector';

export const ROUTE = ROUTES.duellTo24so;
export const TARGET = '24sevenoffice' as const;
export const FLOW = SETTLEMENT_FLOW;

/** One Z-report: the key of its voucher at 24SevenOffice's edge; its PDF's is this + `/pdf`. */
export interface SettlementRef {
  tenant: string;
  departmentId: string;
  zNumber: number;
  workflowId: string;
}

export const pdfKey = (voucherKey: string) => `${voucherKey}/pdf`;

export async function loadDuellSettings(deps: ActivityDeps, tenant: string): Promise<DuellSettings> {
  const t = await createTenantRepo(deps.db).get(tenant);
  try {
    return duellSettings(t.settings, tenant);
  } catch (err) {
    throw attention('ValidationFailed', (err as Error).message);
  }
}

export async function openDuell(deps: ActivityDeps, tenant: string, settings: DuellSettings): Promise<Duell> {
  const id = await connectionOf(createConnectionRepo(deps.db, deps.secrets), tenant, 'duell', settings.source, 'duell');
  return (await openConnector<Duell>(deps, tenant, id)).connector;
}

/** The department's company: its own 24SevenOffice connection. */
export async function openCompany(deps: ActivityDeps, tenant: string, department: DuellDepartmentSettings): Promise<{ target: TwentyFourSevenOffice; targetSettings: TwentyFourSevenOfficeSettings }> {
  const id = await connectionOf(createConnectionRepo(deps.db, deps.secrets), tenant, '24sevenoffice', department.company, 'duell');
  const { connector, connection } = await openConnector<TwentyFourSevenOffice>(deps, tenant, id);
  return { target: connector, targetSettings: tsoSettingsSchema.parse(connection.settings) };
}

export interface SettlementMapping {
  accounts: SettlementAccounts;
  /** DUELL's SAF-T VAT code → 24SevenOffice TaxNo (`vat-code`), else the same. */
  taxNo(code: string): string;
  /** `voucher-type cashSettlement=<TypeNo> --source duell`. */
  voucherType: number | undefined;
}

export async function loadSettlementMapping(deps: ActivityDeps, tenant: string, departmentId: string): Promise<SettlementMapping> {
  const all = await createMappingRepo(deps.db).list(tenant, ROUTE);
  const of = (kind: string) => all.filter((m) => m.kind === kind);
  const vat = new Map(of('vat-code').map((m) => [m.sourceKey, m.targetKey]));
  const type = of('voucher-type').find((m) => m.sourceKey === 'cashSettlement')?.targetKey;
  return {
    accounts: settlementAccounts(of('settlement-account'), departmentId),
    taxNo: (code) => vat.get(code) ?? code,
    voucherType: type !== undefined && /^\d+$/.test(type) ? Number(type) : undefined,
  };
}

/** The department's settings, or a needs-attention naming the fix when the `duell` settings lost it. */
export function departmentOf(settings: DuellSettings, tenant: string, departmentId: string): DuellDepartmentSettings {
  const department = settings.departments[departmentId];
  if (!department) {
    throw attention('ValidationFailed', `tenant ${tenant}: the duell settings have no department ${departmentId} any more; add it back ` +
      `(ledgerbridge tenants settings ${tenant} duell='{…}') or cancel its settlements`);
  }
  return department;
}

export { attention } from '../failures';
