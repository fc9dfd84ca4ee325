/**
 * Names of the daily settlement (DUELL Z-reports → 24SevenOffice vouchers) that workflows, activities and the CLI
 * share. Pure: workflow code imports it.
 */

/** The export log's flow (`ledgerbridge log <tenant> --flow duell`) and the Flow search attribute of its workflows. */
export const SETTLEMENT_FLOW = 'duell';

/** One Z-report's workflow: its business identity, so no two runs post it at once. */
export const settlementWorkflowId = (tenant: string, departmentId: string, zNumber: number) => `${tenant}/settlement/${departmentId}/${zNumber}`;

/** A run's id prefix; the schedule and the CLI append the time. */
export const settlementRunIdPrefix = (tenant: string) => `${tenant}/settlements`;

/** The commands an operator types about one report. */
export const settlementCommands = (tenant: string, departmentId: string, zNumber: number) => ({
  retry: `ledgerbridge settlements retry ${tenant} ${departmentId} ${zNumber}`,
  cancel: `ledgerbridge settlements cancel ${tenant} ${departmentId} ${zNumber}`,
});
