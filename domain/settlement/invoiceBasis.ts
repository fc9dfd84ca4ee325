/**
 * A DUELL invoice basis (fakturagrunnlag): a sale on account made at the till, which DUELL hands to the accounting
 * system to invoice (an order draft in 24SevenOffice). Money in minor units (øre), prices excluding VAT.
 */
import type { Minor } from '../money';

export interface InvoiceBasisRow {
  /** DUELL's product number; absent on a free-text row. */
  productNumber?: string;
  description: string;
  /** May be fractional (1.5 kg) and negative (a returned item). */
  quantity: number;
  /** Excluding VAT, before the discount. */
  unitPrice: Minor;
  /** The SAF-T standard VAT code of the row (3 = 25 %, 31 = 15 %, 33 = 12 %, 5/6 = 0 %). */
  vatCode: string;
  /** Percent, 0–100. */
  discountPercent: number;
  /**
   * A gift card sold on account: it is a liability to the holder, not revenue, so the settlement books it to the
   * gift-card account without VAT instead of a sales account.
   */
  giftCard: boolean;
}

export interface InvoiceBasis {
  /** DUELL's id of the basis, stable across changes. */
  id: string;
  /** The number DUELL shows (per chain). */
  number: number;
  departmentId: string;
  /** YYYY-MM-DD: the day of the sale. */
  date: string;
  /** DUELL's customer number; the customer is read with `customers()`. */
  customerNumber: string;
  /** The customer's reference (their order number, a person). */
  reference?: string;
  currency: string;
  rows: InvoiceBasisRow[];
  /** ISO instant of the last change; the changed-since cursor. */
  changedAt: string;
}
