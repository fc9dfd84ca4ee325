/**
 * What every batch activity opens: the tenant's Telaris and 24SevenOffice connectors, its mappings as a
 * BatchMapping, and the batch's settings. Built per activity call; credentials stay inside the connectors.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Telaris } from '../../connectors/telaris';
import { settingsSchema, type TwentyFourSevenOffice, type TwentyFourSevenOfficeSettings } from '../../connectors/24sevenoffice';
import { createBatchRepo, createCrossReferenceRepo, createMappingRepo, createTenantRepo, ROUTES, type Route } from '../../db/repos';
import type { BatchRef } from '../../domain/batch/flow';
import type { BatchMapping } from '../../domain/batch/preflight';
import { batchSettings, type BatchSettings } from '../../domain/batch/settings';
import type { VoucherKind } from '../../domain/batch/voucher';
import type { ActivityDeps } from '../deps';
import { openConnector } from '../openConnector';

export const TARGET = '24sevenoffice' as const;
/** The batch's route: its mappings and cross-references are Telaris → 24SevenOffice's only. */
export const ROUTE: Route = ROUTES.telarisTo24so;

export async function openSource(deps: ActivityDeps, ref: BatchRef): Promise<Telaris> {
  return (await openConnector<Telaris>(deps, ref.tenant, ref.source)).connector;
}

export async function openTarget(deps: ActivityDeps, ref: BatchRef): Promise<TwentyFourSevenOffice> {
  return (await openTargetWithSettings(deps, ref)).target;
}

export async function openTargetWithSettings(deps: ActivityDeps, ref: BatchRef): Promise<{ target: TwentyFourSevenOffice; settings: TwentyFourSevenOfficeSettings }> {
  const { connector, connection } = await openConnector<TwentyFourSevenOffice>(deps, ref.tenant, ref.target);
  return { target: connector, settings: settingsSchema.parse(connection.settings) };
}

export async function loadSettings(deps: ActivityDeps, tenant: string): Promise<BatchSettings> {
  const t = await createTenantRepo(deps.db).get(tenant);
  try {
    return batchSettings(t.settings, tenant);
  } catch (err) {
    throw ApplicationFailure.create({ type: 'ValidationFailed', nonRetryable: true, message: (err as Error).message });
  }
}

export function repos(deps: ActivityDeps) {
  return { batches: createBatchRepo(deps.db), xrefs: createCrossReferenceRepo(deps.db) };
}

export type TenantMapping = Omit<BatchMapping, 'customerValid'> & { companyId(kind: 'customer' | 'supplier', no: string): number | undefined };

/**
 * The tenant's Telaris → 24SevenOffice mappings and the company ids learnt so far, loaded once per activity, as
 * preflight and sending read them.
 */
export async function loadMapping(deps: ActivityDeps, tenant: string): Promise<TenantMapping> {
  const xrefs = createCrossReferenceRepo(deps.db);
  const [all, customerLinks, supplierLinks] = await Promise.all([
    createMappingRepo(deps.db).list(tenant, ROUTE), xrefs.list(tenant, ROUTE, 'customer'), xrefs.list(tenant, ROUTE, 'supplier'),
  ]);
  const of = (kind: string) => new Map(all.filter((m) => m.kind === kind).map((m) => [m.sourceKey, m.targetKey]));
  const [types, vat, projects, departments, accounts] = ['voucher-type', 'vat-code', 'project', 'department', 'account'].map(of) as Map<string, string>[];
  const customers = new Map(customerLinks.map((l) => [l.sourceId, l.targetId]));
  const suppliers = new Map(supplierLinks.map((l) => [l.sourceId, l.targetId]));
  const numeric = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  return {
    voucherType: (kind: VoucherKind) => numeric(types!.get(kind)),
    taxNo: (code) => vat!.get(code) ?? code,
    // A numeric code without a mapping is taken as the 24SevenOffice id itself.
    projectId: (code) => numeric(projects!.get(code) ?? code),
    departmentId: (code) => numeric(departments!.get(code) ?? code),
    account: (no) => numeric(accounts!.get(String(no))) ?? no,
    companyKnown: (kind, no) => (kind === 'customer' ? customers! : suppliers!).has(no),
    companyId: (kind, no) => numeric((kind === 'customer' ? customers! : suppliers!).get(no)),
  };
}

export { attention } from '../failures';
