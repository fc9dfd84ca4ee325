/**
 * 24SevenOffice books a sale through a sales type (type group, GetTypeGroupList module Sale), which names its
 * account; DUELL requires one on every account its sales land on, or the company cannot invoice or report sales of
 * that kind. Payments, VAT, rounding and the inventory change are not sales and need none.
 */
export interface ChartAccount {
  id?: number;
  accountNo: number;
}

/** Of `salesAccounts`, those that exist in the chart without a sales type (missing accounts are reported apart). */
export function withoutSalesType(salesAccounts: Iterable<number>, chart: readonly ChartAccount[], saleTypeGroups: readonly { accountId: number }[]): number[] {
  const typed = new Set(saleTypeGroups.map((g) => g.accountId));
  const byNo = new Map(chart.map((a) => [a.accountNo, a]));
  return [...new Set(salesAccounts)].filter((no) => {
    const account = byNo.get(no);
    return account !== undefined && (account.id === undefined || !typed.has(account.id));
  }).sort((a, b) => a - b);
}

/** What is wrong and the fix, for a needs-attention or a check item. */
export function missingSalesType(tenant: string, accountNo: number): string {
  return `account ${accountNo} has no sales type (type group) in 24SevenOffice, and DUELL's sales are booked through one; ` +
    `create a sales type on account ${accountNo} in 24SevenOffice (Settings → Accounting → Type groups, module Sale), or map ` +
    `these sales to an account that has one: ledgerbridge mappings set ${tenant} settlement-account sales:vat:<code>=<account> --source duell`;
}
