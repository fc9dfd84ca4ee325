/**
 * Which 24SevenOffice account each part of a DUELL settlement lands on: the mapping kind `settlement-account` on the
 * route duell → 24sevenoffice, its source keys fixed by what a Z-report holds:
 *
 *   ledgerbridge mappings set acme-as settlement-account payment:cash=1900 payment:bankaxept=1920 payment:visa=1580
 *     payment:giftcard=2900 sales:vat:3=3000 sales:vat:31=3010 sales:group:100=3020 vat:3=2700 vat:31=2701
 *     rounding=7740 cash-difference=7790 tips=2920 --source duell
 *   ledgerbridge mappings set acme-as settlement-account BGN/payment:cash=1901 --source duell     one department only
 *
 * A key with a department in front (`BGN/…`) wins over the tenant's: departments of one tenant may sit in several
 * companies whose charts differ. The inventory change's two accounts are department settings (settings.ts), not
 * mappings. `payment-type` is another kind (a payment type id in the target), hence a kind of its own here.
 *
 * DUELL's own chart of accounts (kontoplan) puts an account on each payment type and article group, and the Z-report
 * carries it (`accountNo`). Where no mapping names another, that account is used as it is: Norwegian charts follow
 * NS 4102, so a shop's DUELL setup usually names the 24SevenOffice account already, and preflight checks every
 * account against 24SevenOffice before anything is posted. Sales per VAT rate, output VAT, rounding, cash difference
 * and tips have no DUELL account on the report and must be mapped.
 */
import { PAYMENT_TYPES, type PaymentType, type ZReportArtGroup, type ZReportPayment } from './zReport';

export type SettlementAccountSource =
  | `payment:${PaymentType}`
  /** Sales at a VAT rate, by its SAF-T code: what no article-group account takes. */
  | `sales:vat:${string}`
  | `sales:group:${string}`
  /** Output VAT of a SAF-T code. */
  | `vat:${string}`
  | 'rounding'
  | 'cash-difference'
  | 'tips'
  /** Where the cash taken to the bank or night safe goes, when that is not the cash account. */
  | 'bank-withdrawal';

/** The source keys `mappings set` takes for the kind, for its check and help. */
export const SETTLEMENT_ACCOUNT_SOURCE = {
  pattern: new RegExp(`^(?:[^/\\s]+/)?(?:payment:(?:${PAYMENT_TYPES.join('|')})|sales:vat:\\d+|sales:group:\\S+|vat:\\d+|rounding|cash-difference|tips|bank-withdrawal)$`),
  form: `payment:<${PAYMENT_TYPES.join('|')}>, sales:vat:<SAF-T code>, sales:group:<DUELL article group>, vat:<SAF-T code>, rounding, cash-difference, tips or bank-withdrawal, with <department>/ in front for one department only`,
};

/** How a payment type reads in a voucher line (DUELL's own words). */
export const PAYMENT_LABEL: Record<PaymentType, string> = {
  cash: 'Kontant', bankaxept: 'BankAxept', visa: 'Visa', mastercard: 'Mastercard', terminal: 'Terminal', vipps: 'Vipps',
  stripe: 'Stripe', giftcard: 'Gavekort innløst', external: 'Ekstern betaling', invoice: 'Faktura',
};

export interface SettlementAccounts {
  /** The department's own mapping, else the tenant's; undefined when neither maps the source. */
  mapped(source: SettlementAccountSource): number | undefined;
}

/** The route's `settlement-account` mappings as one DUELL department reads them. */
export function settlementAccounts(mappings: readonly { sourceKey: string; targetKey: string }[], departmentId: string): SettlementAccounts {
  const bySource = new Map(mappedSettlementAccounts(mappings, departmentId).map((m) => [m.source, m.account]));
  return { mapped: (source) => bySource.get(source) };
}

/** Every source the department has an account for: its own mapping wins over the tenant's. */
export function mappedSettlementAccounts(mappings: readonly { sourceKey: string; targetKey: string }[], departmentId: string): { source: string; account: number | undefined }[] {
  const bySource = new Map<string, string>();
  for (const m of mappings) if (!m.sourceKey.includes('/')) bySource.set(m.sourceKey, m.targetKey);
  const own = `${departmentId}/`;
  for (const m of mappings) if (m.sourceKey.startsWith(own)) bySource.set(m.sourceKey.slice(own.length), m.targetKey);
  return [...bySource].map(([source, target]) => ({ source, account: accountNumber(target) }));
}

export function paymentAccount(accounts: SettlementAccounts, payment: Pick<ZReportPayment, 'type' | 'accountNo'>): number | undefined {
  return accounts.mapped(`payment:${payment.type}`) ?? accountNumber(payment.accountNo);
}

export function artGroupAccount(accounts: SettlementAccounts, group: Pick<ZReportArtGroup, 'groupId' | 'accountNo'>): number | undefined {
  return accounts.mapped(`sales:group:${group.groupId}`) ?? accountNumber(group.accountNo);
}

/** The fix for a missing account, as the operator types it. */
export function mapAccountCommand(tenant: string, source: SettlementAccountSource): string {
  return `ledgerbridge mappings set ${tenant} settlement-account ${source}=<account> --source duell`;
}

function accountNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}
