/**
 * The sandbox's state: organisations with their data, the client credentials that open each one, the tokens
 * issued, and the call log. Severa's rules on invoices (a read-only status locks the invoice, a status with
 * hasInvoiceNumber numbers it, every change bumps lastUpdatedDateTime) live here, shared by the API and admin.
 */
import { randomUUID } from 'node:crypto';
import { refill } from '../shared/stateFile';
import type { ClientCredentials, InvoiceRecord, InvoiceStatusRecord, IssuedToken, OrganizationRecord } from './model';

export class SeveraError extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
  }
}

/** One request as the sandbox saw it: tests count them (e.g. token requests). */
export interface CallRecord {
  operation: string;
  method: string;
  path: string;
  clientId?: string;
  /** 0 when the answer was lost on purpose. */
  status: number;
  at: string;
}
export type CallWatcher = (call: CallRecord) => void;

export interface StoreState {
  organizations: Map<string, OrganizationRecord>;
  clients: Map<string, ClientCredentials>;
  tokens: Map<string, IssuedToken>;
}

/** Calls kept for the admin log; older ones are dropped. */
const CALL_LOG_SIZE = 5_000;

export class Store {
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly clients = new Map<string, ClientCredentials>();
  readonly tokens = new Map<string, IssuedToken>();
  readonly calls: CallRecord[] = [];
  readonly watchers = new Set<CallWatcher>();

  constructor(readonly now: () => Date) {}

  record(call: Omit<CallRecord, 'at'>): void {
    const full = { ...call, at: this.now().toISOString() };
    this.calls.push(full);
    if (this.calls.length > CALL_LOG_SIZE) this.calls.splice(0, this.calls.length - CALL_LOG_SIZE);
    for (const watcher of this.watchers) watcher(full);
  }

  issueToken(client: ClientCredentials, requested: string[] | undefined): { token: string; issued: IssuedToken; lifetime: number } {
    const org = this.organizations.get(client.organizationGuid)!;
    // The token carries the asked-for scopes the credentials allow; nothing asked = everything allowed.
    const scopes = requested?.length ? requested.filter((s) => client.scopes.includes(s)) : [...client.scopes];
    const issued: IssuedToken = { clientId: client.clientId, organizationGuid: org.guid, scopes, expiresAt: this.now().getTime() + org.tokenLifetimeSeconds * 1000 };
    const token = `sev_${randomUUID().replace(/-/g, '')}`;
    this.tokens.set(token, issued);
    return { token, issued, lifetime: org.tokenLifetimeSeconds };
  }

  /** Every token of the organisation (or of all) stops working now. */
  expireTokens(organizationGuid?: string): number {
    let n = 0;
    for (const [token, issued] of this.tokens) {
      if (organizationGuid && issued.organizationGuid !== organizationGuid) continue;
      this.tokens.delete(token);
      n += 1;
    }
    return n;
  }

  status(org: OrganizationRecord, guid: string): InvoiceStatusRecord | undefined {
    return org.statuses.find((s) => s.guid === guid);
  }

  /**
   * Moves an invoice to a status. Through the API (`enforce`) a read-only current status refuses (it locks the
   * invoice) and so does an inactive target; the admin moves invoices regardless, as a user in Severa's UI may.
   */
  setStatus(org: OrganizationRecord, invoice: InvoiceRecord, target: InvoiceStatusRecord, enforce: boolean): void {
    const current = this.status(org, invoice.statusGuid);
    if (enforce && current?.isReadOnly && current.guid !== target.guid) {
      throw new SeveraError(400, 'InvalidOperation', `Invoice is in status '${current.name}' which is read-only. The invoice cannot be modified.`);
    }
    if (enforce && !target.isActive) throw new SeveraError(400, 'InvalidParameter', `Invoice status '${target.name}' is not active.`);
    invoice.statusGuid = target.guid;
    if (target.hasInvoiceNumber && invoice.number === null) {
      invoice.number = org.nextInvoiceNumber++;
      invoice.referenceNumber = finnishReference(String(invoice.number));
    }
    this.touch(invoice);
  }

  touch(record: { lastUpdatedDateTime: string }): void {
    // Strictly later than before, so a changedSince taken from the last answer always finds the change.
    const now = this.now().getTime();
    const before = Date.parse(record.lastUpdatedDateTime);
    record.lastUpdatedDateTime = new Date(Number.isNaN(before) ? now : Math.max(now, before + 1)).toISOString();
  }

  snapshot(): StoreState {
    return { organizations: this.organizations, clients: this.clients, tokens: this.tokens };
  }

  restore(state: StoreState): void {
    refill(this.organizations, state.organizations);
    refill(this.clients, state.clients);
    refill(this.tokens, state.tokens);
  }
}

/** A Finnish reference number (viitenumero): the base and a check digit, weights 7 3 1 from the right. */
export function finnishReference(base: string): string {
  const digits = base.padStart(3, '1'); // at least four digits in all
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * [7, 3, 1][i % 3]!;
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

export const newGuid = (): string => randomUUID();
