/** A DUELL product (vare), with its group (varegruppe) and stock, as DUELL and the accounting system keep it alike. */
import type { Minor } from '../money';

export interface Product {
  /** DUELL's product number (varenummer), the key both systems share. */
  number: string;
  name: string;
  /** The product group (varegruppe), whose sales account the Z-report's art groups carry. */
  groupId: string;
  groupName?: string;
  /** Sales price including VAT, as the till shows it. */
  price: Minor;
  /** Excluding VAT; the basis of the inventory change (beholdningsendring). */
  costPrice: Minor;
  /** The SAF-T standard VAT code of the sale. */
  vatCode: string;
  /** Units in stock across the chain; absent for a service, which DUELL keeps no stock of. */
  stockQuantity?: number;
  /** ISO instant of the last change; the changed-since cursor. */
  changedAt: string;
}
