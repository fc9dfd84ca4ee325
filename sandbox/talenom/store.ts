/**
 * The Talenom sandbox's state, per organisation: its API client (id, secret, APIM subscription key), sales
 * accounts, contacts, received Finvoice documents, products and the sales ledger; plus issued tokens and a call
 * log (method, path, status: never a secret).
 */
import { randomUUID } from 'node:crypto';
import { refill } from '../shared/stateFile';

export interface SalesAccount { number: string; name: string; vatPercent: number }

export interface WireContact {
  contactId: string;
  organizationNumber: string;
  type: 'Company' | 'Consumer';
  number: string;
  name: string;
  businessId: string | null;
  vatNumber: string | null;
  currency: string;
  InvoiceLanguage: string;
  invoicingAddress: { address1: string; country: string; postalCode: string; postOffice: string };
  eInvoiceAddress: string | null;
  eInvoiceOperator: string | null;
  email: string | null;
}

export interface StoredInvoice {
  id: string;
  documentId: string;
  number: string;
  contactNumber: string;
  status: 'Received' | 'Approved' | 'Sent';
  documentHash: string;
  receivedAt: string;
  /** The Finvoice document exactly as received. */
  xml: string;
}

export interface WireProduct { code: string; name: string; unit?: string; unitPrice?: number; vatPercent?: number; salesAccountNumber?: string; isActive: boolean }

export interface LedgerItem {
  invoiceNumber: string;
  contactNumber: string;
  referenceNumber: string;
  date: string;
  dueDate: string;
  currency: string;
  amount: number;
  openAmount: number;
  payments: { date: string; amount: number }[];
}

export interface Organisation {
  organizationNumber: string;
  name: string;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  /** Talenom's rule: each invoice row's sales account and VAT % must match an account of the ledger. */
  usesSalesAccounts: boolean;
  salesAccounts: SalesAccount[];
  contacts: Map<string, WireContact>;
  invoices: StoredInvoice[];
  products: Map<string, WireProduct>;
  ledger: Map<string, LedgerItem>;
}

export interface CallLogEntry { at: string; method: string; path: string; status: number }

/** Finnish rates since 2024-09-01 and 2026 (other-systems.md §2), one account each. */
export const DEFAULT_SALES_ACCOUNTS: SalesAccount[] = [
  { number: '3000', name: 'Myynti 25,5 %', vatPercent: 25.5 },
  { number: '3010', name: 'Myynti 14 %', vatPercent: 14 },
  { number: '3020', name: 'Myynti 13,5 %', vatPercent: 13.5 },
  { number: '3030', name: 'Myynti 10 %', vatPercent: 10 },
  { number: '3040', name: 'Myynti 0 %', vatPercent: 0 },
  { number: '3300', name: 'Myynti EU, palvelut (0 %)', vatPercent: 0 },
];

export interface StoreState {
  organisations: Map<string, Organisation>;
  tokens: Map<string, { clientId: string; expiresAt: number }>;
  calls: CallLogEntry[];
}

export class Store {
  readonly organisations = new Map<string, Organisation>();
  readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  readonly calls: CallLogEntry[] = [];

  constructor(readonly now: () => Date) {}

  issueToken(clientId: string, lifetimeSeconds: number): string {
    const token = `sandbox-${randomUUID()}`;
    this.tokens.set(token, { clientId, expiresAt: this.now().getTime() + lifetimeSeconds * 1000 });
    return token;
  }

  byClient(clientId: string): Organisation[] {
    return [...this.organisations.values()].filter((o) => o.clientId === clientId);
  }

  log(entry: CallLogEntry): void {
    this.calls.push(entry);
    if (this.calls.length > 10_000) this.calls.splice(0, this.calls.length - 10_000);
  }

  snapshot(): StoreState {
    return { organisations: this.organisations, tokens: this.tokens, calls: this.calls };
  }

  restore(state: StoreState): void {
    refill(this.organisations, state.organisations);
    refill(this.tokens, state.tokens);
    this.calls.splice(0, this.calls.length, ...state.calls);
  }
}
