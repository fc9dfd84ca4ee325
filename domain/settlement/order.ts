/**
 * An invoice basis as a 24SevenOffice order draft, and the reasons it cannot be one yet. Rows keep DUELL's product
 * number, quantity, price excluding VAT, VAT rate and discount; a gift card sold on account becomes a row of the
 * product GIFTCARD without VAT (a liability to the holder, not revenue), which 24SevenOffice must have.
 */
import type { Minor } from '../money';
import type { Customer } from './customer';
import type { InvoiceBasis } from './invoiceBasis';
import { OUTPUT_VAT_RATES } from './vatRates';

/** The product number 24SevenOffice must hold for gift cards sold on account. */
export const GIFT_CARD_PRODUCT = 'GIFTCARD';

/** The basis's identity at 24SevenOffice's edge (activities/exactlyOnce.ts), also written on the order to find it again. */
export const invoiceBasisKey = (basis: Pick<InvoiceBasis, 'departmentId' | 'id'>): string => `duell/${basis.departmentId}/invoice-basis/${basis.id}`;

export interface OrderRow {
  productNo?: string;
  name: string;
  quantity: number;
  /** Excluding VAT, before the discount. */
  price: Minor;
  vatRate: number;
  discountRate: number;
}

export interface SettlementOrder {
  referenceNumber: string;
  dateOrdered: string;
  yourReference?: string;
  rows: OrderRow[];
}

export function orderOf(basis: InvoiceBasis): SettlementOrder {
  return {
    referenceNumber: invoiceBasisKey(basis),
    dateOrdered: basis.date,
    yourReference: basis.reference,
    rows: basis.rows.map((r) => ({
      productNo: r.giftCard ? GIFT_CARD_PRODUCT : r.productNumber,
      name: r.description,
      quantity: r.quantity,
      price: r.unitPrice,
      vatRate: r.giftCard ? 0 : OUTPUT_VAT_RATES[r.vatCode]!,
      discountRate: r.discountPercent,
    })),
  };
}

/**
 * Why the basis cannot go to 24SevenOffice now, each with its fix. `customer` is DUELL's record when 24SevenOffice
 * does not know the customer yet (it must be created there), undefined when it does; `hasProduct` asks 24SevenOffice.
 */
export function orderProblems(basis: InvoiceBasis, customer: Customer | 'linked' | undefined, hasProduct: (no: string) => boolean): string[] {
  const problems: string[] = [];
  if (customer === undefined) problems.push(`customer ${basis.customerNumber} does not exist in DUELL; correct the invoice basis's customer in DUELL`);
  else if (customer !== 'linked' && !customer.name.trim()) problems.push(`customer ${basis.customerNumber} has no name in DUELL, and 24SevenOffice needs one to create it; give the customer a name in DUELL Backoffice`);
  if (basis.rows.some((r) => r.giftCard) && !hasProduct(GIFT_CARD_PRODUCT)) {
    problems.push(`it has a gift card row, and 24SevenOffice has no product ${GIFT_CARD_PRODUCT}; a product GIFTCARD must be created in 24SevenOffice (0 % VAT, booked to the gift-card liability account)`);
  }
  for (const no of new Set(basis.rows.filter((r) => !r.giftCard && r.productNumber !== undefined).map((r) => r.productNumber!))) {
    if (!hasProduct(no)) problems.push(`product ${no} does not exist in 24SevenOffice; create it there or turn on goods for the department ("goods": true)`);
  }
  for (const code of new Set(basis.rows.filter((r) => !r.giftCard).map((r) => r.vatCode))) {
    if (OUTPUT_VAT_RATES[code] === undefined) problems.push(`VAT code ${code} is not an output VAT code (one of ${Object.keys(OUTPUT_VAT_RATES).join(', ')}); correct the row in DUELL`);
  }
  return problems;
}
