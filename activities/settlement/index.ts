/** The daily settlement (DUELL Z-reports → 24SevenOffice vouchers): its activities, bound to their dependencies. */
import type { RetryRequest } from '../../workflows/attention';
import type { ActivityDeps } from '../deps';
import type { SettlementRef } from './context';
import { transferInvoiceBases } from './invoiceBases';
import { recordSettlementStage } from './mark';
import { syncCustomers, syncGoods } from './masterData';
import { attachSettlementPdf, numberSettlement, postSettlement } from './post';
import { prepareSettlement } from './prepare';
import type { DepartmentRef } from './syncSystems';
import { readDepartmentReports, recordRunSummary, settlementDepartments, type RunRef, type RunSummary } from './run';

export type { SettlementRef } from './context';
export type { Prepared } from './prepare';
export type { DepartmentReports, RunRef, RunSummary } from './run';

export function createSettlementActivities(deps: ActivityDeps) {
  return {
    settlementDepartments: (ref: RunRef & { departmentId?: string }) => settlementDepartments(deps, ref),
    readDepartmentReports: (ref: RunRef & { departmentId: string; fromDate?: string }) => readDepartmentReports(deps, ref),
    recordSettlementRunSummary: (input: RunRef & { summary: RunSummary }) => recordRunSummary(deps, input),
    prepareSettlement: (ref: SettlementRef) => prepareSettlement(deps, ref),
    numberSettlement: (ref: SettlementRef) => numberSettlement(deps, ref),
    attachSettlementPdf: (ref: SettlementRef) => attachSettlementPdf(deps, ref),
    postSettlement: (input: SettlementRef & { retry?: RetryRequest }) => postSettlement(deps, input),
    recordSettlementStage: (input: SettlementRef & { date: string; stage: string; attention: string | null }) => recordSettlementStage(deps, input),
    syncDuellCustomers: (ref: DepartmentRef) => syncCustomers(deps, ref),
    syncDuellGoods: (ref: DepartmentRef) => syncGoods(deps, ref),
    transferInvoiceBases: (ref: DepartmentRef) => transferInvoiceBases(deps, ref),
  };
}

export type SettlementActivities = ReturnType<typeof createSettlementActivities>;
