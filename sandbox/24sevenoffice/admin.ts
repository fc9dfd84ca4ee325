/**
 * Test hooks, in process (SandboxAdmin) and over HTTP (/admin/...): users and identities, faults, sessions,
 * "the accountant presses Post", master data the SOAP API can't create (accounts, type groups, departments), closed
 * periods, and a state summary (journal, ledger, companies, call counts, logins) for assertions.
 */
import { randomUUID } from 'node:crypto';
import { formatMinor } from '../../domain/money';
import { AdminError, adminCall, JsonRouter, objectBody } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry, FaultSpec } from '../shared/faults';
import { JournalError, postJournalBundle } from './journal';
import { addSupplierInvoices, changeLedgerLine, type LineChange, type SupplierInvoice } from './supplierInvoices';
import { transactionOf } from './ops/transaction';
import type { RateLimiter } from './rateLimit';
import type { Books, Row } from './state';
import type { CallWatcher, NewUser, Store } from './store';

export interface TenantSummary {
  clientId: number;
  name: string;
  journal: Array<{ id: number; name?: string; yearId: number; posted: boolean; savedAt: string; vouchers: Array<{ transactionNo: number; seriesId: number; lines: Array<{ accountNo: number; amount: string }> }> }>;
  ledger: { lines: number; vouchers: number[] };
  companies: number;
  projects: number;
  departments: number;
  products: number;
  invoices: number;
  attachments: number;
  lockedPeriods: string[];
}

export interface SandboxState {
  logins: number;
  calls: Record<string, number>;
  sessions: number;
  rateUsage: Record<string, number>;
  faults: ArmedFault[];
  users: Array<{ username: string; identities: Array<{ id: string; clientId: number; clientName: string; blocked: boolean }> }>;
  tenants: TenantSummary[];
}

export class SandboxAdmin {
  constructor(
    private readonly store: Store,
    private readonly limiter: RateLimiter,
    private readonly faultRegistry: FaultRegistry,
  ) {}

  createUser(input: NewUser): SandboxState['users'][number] {
    const user = this.store.addUser(input);
    return { username: user.username, identities: user.identities.map(({ id, clientId, clientName, blocked }) => ({ id, clientId, clientName, blocked })) };
  }

  setIdentityBlocked(identityId: string, blocked: boolean): void {
    const identity = [...this.store.users.values()].flatMap((u) => u.identities).find((i) => i.id === identityId.toLowerCase());
    if (!identity) throw new AdminError(404, `identity ${identityId} does not exist`);
    identity.blocked = blocked;
  }

  setFault(spec: FaultSpec): ArmedFault {
    return this.faultRegistry.arm(spec);
  }

  faults(): ArmedFault[] {
    return this.faultRegistry.list();
  }

  clearFaults(): void {
    this.faultRegistry.clear();
  }

  /**
   * Calls `watcher` as each SOAP call arrives (before faults are taken, so it may arm one for that call) and
   * once the call has taken effect, before its answer is sent. In process only; returns the unsubscribe.
   */
  watchCalls(watcher: CallWatcher): () => void {
    this.store.watchers.add(watcher);
    return () => this.store.watchers.delete(watcher);
  }

  /** Expires one session (by id) or all: the next call answers "not authenticated". */
  expireSessions(sessionId?: string): number {
    return this.store.expireSessions(sessionId);
  }

  setHourlyLimit(limit: number): void {
    this.limiter.hourlyLimit = limit;
  }

  resetRateLimit(): void {
    this.limiter.reset();
  }

  /** "The accountant presses Post": a journal bundle (SaveOption=1) becomes ledger transactions. */
  postJournal(clientId: number, bundleId: number): TenantSummary['journal'][number] {
    try {
      postJournalBundle(this.books(clientId), bundleId, this.store.now());
    } catch (err) {
      if (err instanceof JournalError) throw new AdminError(409, err.message);
      throw err;
    }
    return this.tenant(clientId).journal.find((b) => b.id === bundleId)!;
  }

  addAccount(clientId: number, a: { AccountNo: number; AccountName: string; TaxNo?: number }): void {
    const books = this.books(clientId);
    if (!Number.isInteger(a.AccountNo) || a.AccountNo <= 0 || a.AccountNo > 32767) throw new AdminError(400, 'AccountNo must be a positive short');
    if (books.accounts.some((x) => x.AccountNo === a.AccountNo)) throw new AdminError(409, `account ${a.AccountNo} exists`);
    const taxNo = a.TaxNo ?? 0;
    books.accounts.push({ AccountId: books.next.account++, AccountNo: a.AccountNo, AccountName: a.AccountName ?? `Konto ${a.AccountNo}`, AccountTax: books.taxCodes.find((t) => t.TaxNo === String(taxNo))?.TaxId ?? 0, TaxNo: taxNo });
    books.accounts.sort((x, y) => x.AccountNo - y.AccountNo);
  }

  /** A type group (sales type) on an existing account: what an accountant sets up in 24SevenOffice's settings. */
  addTypeGroup(clientId: number, g: { AccountNo: number; Name?: string; Module?: 'Sale' | 'Purchase' }): number {
    const books = this.books(clientId);
    const account = books.accounts.find((a) => a.AccountNo === g.AccountNo);
    if (!account) throw new AdminError(404, `account ${g.AccountNo} does not exist`);
    const module = g.Module ?? 'Sale';
    if (module !== 'Sale' && module !== 'Purchase') throw new AdminError(400, 'Module must be Sale or Purchase');
    const id = books.next.typeGroup++;
    books.typeGroups.push({ Id: id, AccountId: account.AccountId, Name: g.Name ?? `${module === 'Sale' ? 'Salg' : 'Kjøp'} ${account.AccountNo}`, Module: module });
    return id;
  }

  addDepartment(clientId: number, d: { Name: string }): number {
    const books = this.books(clientId);
    const id = books.next.department++;
    books.departments.push({ Id: id, Name: d.Name });
    return id;
  }

  addProject(clientId: number, p: Row & { Name: string }): number {
    const books = this.books(clientId);
    const at = this.store.now().toISOString();
    const id = books.next.project++;
    books.projects.push({ Enabled: true, NameDisplay: 'Plain', QuickListed: true, TimeReg: 'WorkType', Version: 1, ...p, Id: id, RawName: p.Name, DateRegistered: at, DateChanged: at });
    return id;
  }

  addFiscalYear(clientId: number, year: number): void {
    const books = this.books(clientId);
    if (!books.fiscalYears.some((y) => y.year === year)) books.fiscalYears.push({ id: randomUUID(), year, locked: false });
    books.fiscalYears.sort((a, b) => a.year - b.year);
  }

  /** Closes a whole fiscal year ({year}) or one period ({period: 'YYYY-MM'}); SaveBundleList then refuses it. */
  /** Whether journal saves are refused under a used TransactionNo (see Books.journalChecksNumbers). */
  setJournalChecksNumbers(clientId: number, checks: boolean): void {
    this.books(clientId).journalChecksNumbers = checks;
  }

  lockPeriod(clientId: number, what: { year?: number; period?: string }, locked = true): void {
    const books = this.books(clientId);
    if (what.year !== undefined) {
      const year = books.fiscalYears.find((y) => y.year === what.year);
      if (!year) throw new AdminError(404, `fiscal year ${what.year} does not exist`);
      year.locked = locked;
    } else if (typeof what.period === 'string' && /^\d{4}-\d{2}$/.test(what.period)) {
      if (locked) books.lockedPeriods.add(what.period);
      else books.lockedPeriods.delete(what.period);
    } else throw new AdminError(400, 'give {year: 2026} or {period: "2026-03"}');
  }

  /**
   * Supplier invoices (and credit notes) posted straight into the ledger, balanced, registered now unless
   * given: the cost lines PO matching reads. All or none; returns the voucher numbers.
   */
  addSupplierInvoices(clientId: number, invoices: SupplierInvoice[]): number[] {
    return addSupplierInvoices(this.books(clientId), invoices, this.store.now());
  }

  /** Edits a posted line's comment or PO number (the SupplierOrderSlip dimension); its DateChanged moves. */
  changeLedgerLine(clientId: number, lineId: string, change: LineChange): Row {
    const books = this.books(clientId);
    return transactionOf(books, changeLedgerLine(books, lineId, change, this.store.now()));
  }

  /** Ledger lines as GetTransactions would return them (all dates). */
  transactions(clientId: number): Row[] {
    const books = this.books(clientId);
    return books.ledger.map((l) => transactionOf(books, l));
  }

  companies(clientId: number): Row[] {
    return this.books(clientId).companies.map((c) => ({ ...c }));
  }

  tenant(clientId: number): TenantSummary {
    const b = this.books(clientId);
    return {
      clientId: b.clientId,
      name: b.name,
      journal: b.journal.map((j) => ({
        id: j.id, name: j.name, yearId: j.yearId, posted: j.posted, savedAt: j.savedAt,
        vouchers: j.vouchers.map((v) => ({ transactionNo: v.transactionNo, seriesId: v.seriesId, lines: v.lines.map((l) => ({ accountNo: l.accountNo, amount: formatMinor(l.amount) })) })),
      })),
      ledger: { lines: b.ledger.length, vouchers: [...new Set(b.ledger.map((l) => l.transactionNo))] },
      companies: b.companies.length,
      projects: b.projects.length,
      departments: b.departments.length,
      products: b.products.length,
      invoices: b.invoices.length,
      attachments: b.attachments.filter((a) => a.saved).length,
      lockedPeriods: [...b.lockedPeriods, ...b.fiscalYears.filter((y) => y.locked).map((y) => String(y.year))],
    };
  }

  state(): SandboxState {
    return {
      logins: this.store.stats.logins,
      calls: { ...this.store.stats.calls },
      sessions: this.store.sessions.size,
      rateUsage: this.limiter.usage(),
      faults: this.faults(),
      users: [...this.store.users.values()].map((u) => ({ username: u.username, identities: u.identities.map(({ id, clientId, clientName, blocked }) => ({ id, clientId, clientName, blocked })) })),
      tenants: [...this.store.books.keys()].map((id) => this.tenant(id)),
    };
  }

  private books(clientId: number): Books {
    const books = this.store.books.get(Number(clientId));
    if (!books) throw new AdminError(404, `tenant (client company) ${clientId} does not exist`);
    return books;
  }
}

/** The same operations over HTTP, for the CLI, the demo and out-of-process tests. */
export function adminRoutes(admin: SandboxAdmin): JsonRouter {
  const n = (v: string) => Number(v);
  // Large enough for a year of supplier invoices in a few requests (the bench seeds 200 000 cost lines).
  return new JsonRouter(64 * 1024 * 1024)
    .on('GET', '/admin/state', () => admin.state())
    .on('POST', '/admin/users', ({ body }) => adminCall(() => admin.createUser(objectBody(body) as unknown as NewUser)))
    .on('POST', '/admin/identities/:id/block', ({ params, body }) => admin.setIdentityBlocked(params.id!, (objectBody(body ?? {}).blocked ?? true) === true))
    .on('GET', '/admin/faults', () => admin.faults())
    .on('POST', '/admin/faults', ({ body }) => adminCall(() => admin.setFault(objectBody(body) as unknown as FaultSpec)))
    .on('DELETE', '/admin/faults', () => admin.clearFaults())
    .on('POST', '/admin/sessions/expire', ({ body }) => ({ expired: admin.expireSessions((body as { sessionId?: string } | undefined)?.sessionId) }))
    .on('POST', '/admin/rate-limit', ({ body }) => {
      const b = objectBody(body);
      if (typeof b.hourlyLimit === 'number') admin.setHourlyLimit(b.hourlyLimit);
      if (b.reset === true) admin.resetRateLimit();
    })
    .on('GET', '/admin/tenants/:clientId', ({ params }) => admin.tenant(n(params.clientId!)))
    .on('GET', '/admin/tenants/:clientId/transactions', ({ params }) => admin.transactions(n(params.clientId!)))
    .on('POST', '/admin/tenants/:clientId/ledger/supplier-invoices', ({ params, body }) => ({ transactionNos: admin.addSupplierInvoices(n(params.clientId!), body as SupplierInvoice[]) }))
    .on('PATCH', '/admin/tenants/:clientId/ledger/lines/:lineId', ({ params, body }) => admin.changeLedgerLine(n(params.clientId!), params.lineId!, (body ?? {}) as LineChange))
    .on('GET', '/admin/tenants/:clientId/companies', ({ params }) => admin.companies(n(params.clientId!)))
    .on('POST', '/admin/tenants/:clientId/journal/:bundleId/post', ({ params }) => admin.postJournal(n(params.clientId!), n(params.bundleId!)))
    .on('POST', '/admin/tenants/:clientId/accounts', ({ params, body }) => admin.addAccount(n(params.clientId!), objectBody(body) as never))
    .on('POST', '/admin/tenants/:clientId/type-groups', ({ params, body }) => ({ id: admin.addTypeGroup(n(params.clientId!), objectBody(body) as never) }))
    .on('POST', '/admin/tenants/:clientId/departments', ({ params, body }) => ({ id: admin.addDepartment(n(params.clientId!), objectBody(body) as never) }))
    .on('POST', '/admin/tenants/:clientId/projects', ({ params, body }) => ({ id: admin.addProject(n(params.clientId!), objectBody(body) as never) }))
    .on('POST', '/admin/tenants/:clientId/fiscal-years', ({ params, body }) => admin.addFiscalYear(n(params.clientId!), Number(objectBody(body).year)))
    .on('POST', '/admin/tenants/:clientId/journal/checks-numbers', ({ params, body }) => admin.setJournalChecksNumbers(n(params.clientId!), objectBody(body).checks !== false))
    .on('POST', '/admin/tenants/:clientId/periods/lock', ({ params, body }) => admin.lockPeriod(n(params.clientId!), objectBody(body), true))
    .on('POST', '/admin/tenants/:clientId/periods/unlock', ({ params, body }) => admin.lockPeriod(n(params.clientId!), objectBody(body), false));
}
