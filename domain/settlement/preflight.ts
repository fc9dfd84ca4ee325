/**
 * The settlement's own checks on one Z-report, before its voucher is built and before the batch's preflight checks
 * that voucher against 24SevenOffice (accounts, VAT codes, department, voucher type, open period). Every finding in
 * one list (design principle 4). Pure: the activity passes the settings, the accounts and the cost prices in.
 *
 * Negative sales (a day when returns exceed sales) are posted, not refused: the Z-report is the law's record of the
 * day and its number must go into the books in order, so refusing it would hold every later day. Its sales lines
 * come out as debits on the same accounts and VAT codes, as a credit note's would (accounting-primer.md, returns),
 * and the output VAT is reduced by the report's own VAT. A warning says so, for the accountant to look at.
 */
import { displayMinor } from '../money';
import { mapAccountCommand } from './accounts';
import { settlementEntries, type SettlementInput } from './entries';
import { brokenInvariants } from './invariants';
import { percent } from './sales';
import { settlementScope, type SettlementProblem, type SettlementProblemCode, type ProblemEffect } from './problems';
import type { DuellDepartmentSettings } from './settings';

export interface SettlementPreflight extends Omit<SettlementInput, 'department'> {
  tenant: string;
  /** The report's department's settings; undefined when the `duell` settings do not name it. */
  department: DuellDepartmentSettings | undefined;
}

export function preflightSettlement(input: SettlementPreflight): SettlementProblem[] {
  const { tenant, z, department } = input;
  const problems: SettlementProblem[] = [];
  const where = settlementScope(tenant, z);
  const nok = (minor: number) => displayMinor(minor, z.currency);
  const add = (code: SettlementProblemCode, effect: ProblemEffect, issue: string) => problems.push({ code, effect, message: `${where}: ${issue}` });
  // `tenants settings` replaces a key whole, so the fix names the change and the command, not a value to paste.
  const inSettings = (change: string) => `${change} in department ${z.departmentId} of the duell settings: ledgerbridge tenants settings ${tenant} duell='{…}' (with every department)`;

  if (department === undefined) {
    add('DepartmentNotSet', 'skip', `the duell settings have no department ${z.departmentId}, so its settlements are not transferred; to transfer them add it with its 24SevenOffice company and department, e.g. "${z.departmentId}":{"company":"<24SevenOffice connection>","department":<department id>}: ledgerbridge tenants settings ${tenant} duell='{…}' (with every department)`);
    return problems;
  }
  if (!department.zReport) {
    add('ZReportOff', 'skip', `the Z-report transfer is off for department ${z.departmentId}; to transfer it set ${inSettings('"zReport": true')}`);
    return problems;
  }
  if (department.fromDate !== undefined && z.date < department.fromDate) {
    add('BeforeFromDate', 'skip', `is before department ${z.departmentId}'s from-date ${department.fromDate} and is not transferred; to transfer it set ${inSettings(`"fromDate": "${z.date}" or earlier`)}`);
    return problems;
  }

  for (const broken of brokenInvariants(z)) {
    add('Unbalanced', 'refuse', `does not balance: ${broken}; compare it with the Z-report in DUELL's Backoffice: if DUELL shows the same figures, DUELL must correct the report; if not, the DUELL connector misread it (report that to ledgerbridge's maintainers)`);
  }
  const { missing, costMissing } = settlementEntries({ ...input, department });
  for (const m of missing) {
    add('AccountMissing', 'refuse', `no 24SevenOffice account for ${m.what}, ${nok(m.amount)}; map it: ${mapAccountCommand(tenant, m.source)} (or ${z.departmentId}/${m.source} for this department only)`);
  }
  for (const g of costMissing) {
    add('CostPriceMissing', 'refuse', `article group ${g.groupId}${g.name ? ` (${g.name})` : ''} sold ${nok(g.amount)} without a cost price, so the inventory change cannot be posted; give its goods a cost price in DUELL, or set ${inSettings('"inventoryChange": false')}`);
  }
  if (z.cash.difference !== 0 && !z.cash.note?.trim()) {
    const gap = z.cash.difference < 0 ? `${nok(-z.cash.difference)} short` : `${nok(z.cash.difference)} over`;
    add('CashDifferenceWithoutNote', 'refuse', `the cash is ${gap} (counted ${nok(z.cash.counted)}, expected ${nok(z.cash.expected)}) and the report has no note; DUELL requires one: find out why with the shop, note it on the settlement in DUELL, and retry`);
  }
  for (const vat of z.sales.vat.filter((v) => v.base < 0)) {
    add('NegativeSales', 'warn', `sales at ${percent(vat.rate)} % VAT are ${nok(vat.base)} (returns exceed sales): posted as a reduction of sales and output VAT, like a credit note; check the returns in DUELL if that is unexpected`);
  }
  return problems;
}
