/**
 * What the settlement's checks report: one sentence each (what, where, how to fix), and what it does to the report,
 * since not every finding stops a posting. The batch's `Problem` has no such effect: every problem there stops.
 */
import { zReportLabel, type ZReport } from './zReport';

export type SettlementProblemCode =
  | 'DepartmentNotSet'
  | 'ZReportOff'
  | 'BeforeFromDate'
  | 'Unbalanced'
  | 'AccountMissing'
  | 'CostPriceMissing'
  | 'CashDifferenceWithoutNote'
  | 'NegativeSales'
  | 'SeriesGap'
  | 'SeriesConflict';

/**
 * `refuse`: not posted until a person fixes it (needs attention); `skip`: not transferred, as the settings say;
 * `warn`: posted, and shown, since an accountant should know.
 */
export type ProblemEffect = 'refuse' | 'skip' | 'warn';

export interface SettlementProblem {
  code: SettlementProblemCode;
  effect: ProblemEffect;
  message: string;
}

/** "tenant acme-as, department OSL Z 1042 (2026-11-30)": where every problem of one report is. */
export const settlementScope = (tenant: string, z: Pick<ZReport, 'departmentId' | 'number' | 'date'>) => `tenant ${tenant}, ${zReportLabel(z)}`;
