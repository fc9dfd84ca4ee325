/** A DUELL customer (kunde), the master data DUELL and the accounting system keep alike; either side may be master. */
export interface CustomerAddress {
  street?: string;
  postalCode?: string;
  city?: string;
  /** ISO 3166 alpha-2, e.g. NO. */
  country?: string;
}

export interface Customer {
  /** DUELL's customer number, the key both systems share. */
  number: string;
  name: string;
  /** Norwegian organisation number (9 digits) of a business customer; absent for a private person. */
  orgNo?: string;
  address?: CustomerAddress;
  email?: string;
  /** ISO instant of the last change; the changed-since cursor. */
  changedAt: string;
}
