/**
 * Test hooks, in process (DuellSandboxAdmin) and over HTTP (/admin/...): DUELL accounts with their token,
 * departments, Z-reports (built consistent from sales per group, or imported from a SAF-T Cash Register file),
 * invoice bases, customers, product groups and products with stock, faults, call counts. Amounts as on the wire:
 * kroner numbers.
 */
import { z } from 'zod';
import { moneyNumber as kr } from '../../connectors/shared/moneyText';
import type { InvoiceBasis } from '../../domain/settlement/invoiceBasis';
import { PAYMENT_TYPES, type ZReport } from '../../domain/settlement/zReport';
import { AdminError, adminCall, adminInput, itemsBody, JsonRouter, objectBody } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry } from '../shared/faults';
import type { RestFaultSpec } from '../shared/restFaults';
import { renderZReport, type AccountRecord } from './model';
import { zReportPdf } from './pdf';
import { zReportsFromSafT } from './safT';
import { ApiError, type Store } from './store';
import { customerInput, upsertCustomer, upsertProduct, valid } from './upserts';
import { appendZReport, buildZReport, nextZNumber } from './zSeries';

/** A fault as tests arm it (sandbox/shared/restFaults.ts); operations are the connector's: `daily-settlements`, `z-report-pdf`, … */
export type DuellFaultSpec = RestFaultSpec;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const counted = z.object({ count: z.number().int().nonnegative(), amount: kr });

const accountInput = z.object({
  customerNumber: z.string().regex(/^\d{1,12}$/, 'digits'),
  token: z.string().min(8),
  name: z.string().min(1).optional(),
});
export type NewAccount = z.input<typeof accountInput>;

const departmentInput = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,20}$/), name: z.string().min(1), active: z.boolean().default(true) });

const zReportInput = z.object({
  date: day,
  time: z.string().regex(/^\d{2}:\d{2}:\d{2}$/).optional(),
  registerId: z.string().optional(),
  signedBy: z.string().min(1),
  groups: z.array(z.object({
    groupId: z.string().min(1), name: z.string().optional(), accountNo: z.string().optional(), vatCode: z.string(), count: z.number().int(), amount: kr,
  })).min(1),
  payments: z.array(z.object({ type: z.enum(PAYMENT_TYPES), count: z.number().int().nonnegative(), amount: kr, accountNo: z.string().optional() })).optional(),
  tips: kr.optional(),
  openingFloat: kr.optional(),
  bankWithdrawal: kr.optional(),
  counted: kr.optional(),
  note: z.string().optional(),
  returns: counted.optional(),
  discounts: counted.optional(),
  voids: counted.optional(),
  receipts: z.number().int().nonnegative().optional(),
});
export type NewZReport = z.input<typeof zReportInput>;

const invoiceBasisInput = z.object({
  departmentId: z.string().min(1),
  date: day,
  customerNumber: z.string().min(1),
  reference: z.string().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).default('NOK'),
  rows: z.array(z.object({
    productNumber: z.string().optional(), description: z.string(), quantity: z.number(), unitPrice: kr, vatCode: z.string(),
    discountPercent: z.number().min(0).max(100).default(0), giftCard: z.boolean().default(false),
  })).min(1),
});
export type NewInvoiceBasis = z.input<typeof invoiceBasisInput>;

export interface DuellSandboxState {
  faults: ArmedFault[];
  calls: Record<string, number>;
  accounts: Array<{ customerNumber: string; name: string; departments: Record<string, number>; invoiceBases: number; customers: number; products: number }>;
}

export class DuellSandboxAdmin {
  constructor(private readonly store: Store, private readonly faultRegistry: FaultRegistry) {}

  createAccount(input: NewAccount): { customerNumber: string } {
    const a = adminInput(accountInput, input);
    if (this.store.accounts.has(a.customerNumber)) throw new AdminError(409, `customer ${a.customerNumber} exists`);
    this.store.accounts.set(a.customerNumber, {
      customerNumber: a.customerNumber, token: a.token, name: a.name ?? `Kunde ${a.customerNumber}`, departments: new Map(), zReports: new Map(),
      pdfs: new Map(), invoiceBases: new Map(), customers: new Map(), groups: new Map(), products: new Map(), next: { pdf: 1, invoiceBasis: 1 },
    });
    return { customerNumber: a.customerNumber };
  }

  /** A new token, as "Generer ny token" in API-oppsett: the old one stops working at once. */
  renewToken(customerNumber: string, token: string): void {
    this.account(customerNumber).token = adminInput(accountInput.shape.token, token);
  }

  addDepartments(customerNumber: string, items: unknown[]): { count: number } {
    const account = this.account(customerNumber);
    for (const d of adminInput(z.array(departmentInput), items)) account.departments.set(d.id, d);
    return { count: account.departments.size };
  }

  /** Each report is the department's next Z, built consistent from the sales per group (sandbox/duell/zSeries.ts). */
  addZReports(customerNumber: string, departmentId: string, items: unknown[]): ZReport[] {
    const account = this.account(customerNumber);
    return adminInput(z.array(zReportInput), items).map((spec) =>
      adminCall(() => appendZReport(this.store, account, buildZReport(departmentId, nextZNumber(account, departmentId), spec))));
  }

  /** Every Z report of a SAF-T Cash Register file into the department's series; the department is made when new. */
  importSafT(customerNumber: string, departmentId: string, xml: string, departmentName?: string): ZReport[] {
    const account = this.account(customerNumber);
    const { reports, locationName } = adminCall(() => zReportsFromSafT(xml, departmentId));
    if (!account.departments.has(departmentId)) {
      account.departments.set(departmentId, { id: departmentId, name: departmentName ?? locationName ?? departmentId, active: true });
    }
    return reports.map((report) => adminCall(() => appendZReport(this.store, account, report)));
  }

  zReports(customerNumber: string, departmentId: string): Record<string, unknown>[] {
    return (this.account(customerNumber).zReports.get(departmentId) ?? []).map(renderZReport);
  }

  /**
   * A report DUELL no longer gives (lost in a migration, deleted by support): the series shows a gap where it was.
   * DUELL itself never does this on purpose; it is how tests meet a gap a real chain has met.
   */
  loseZReport(customerNumber: string, departmentId: string, number: number): void {
    const series = this.account(customerNumber).zReports.get(departmentId) ?? [];
    const at = series.findIndex((s) => s.report.number === number);
    if (at < 0) throw new AdminError(404, `department ${departmentId} has no Z ${number}`);
    series.splice(at, 1);
  }

  /**
   * The PDF of a report gone from DUELL's file store (`present: false`; its download answers 404), or made again
   * (`present: true`), as DUELL support would: how tests meet a report whose PDF is missing, and its fix.
   */
  setZReportPdf(customerNumber: string, departmentId: string, number: number, present: boolean): void {
    const account = this.account(customerNumber);
    const stored = (account.zReports.get(departmentId) ?? []).find((s) => s.report.number === number);
    if (!stored?.report.pdfId) throw new AdminError(404, `department ${departmentId} has no Z ${number} with a PDF`);
    if (!present) account.pdfs.delete(stored.report.pdfId);
    else account.pdfs.set(stored.report.pdfId, zReportPdf(stored.report, account.departments.get(departmentId)!.name));
  }

  addInvoiceBases(customerNumber: string, items: unknown[]): InvoiceBasis[] {
    const account = this.account(customerNumber);
    return adminInput(z.array(invoiceBasisInput), items).map((input) => {
      if (!account.departments.has(input.departmentId)) throw new AdminError(400, `department ${input.departmentId} does not exist`);
      const n = account.next.invoiceBasis++;
      const basis: InvoiceBasis = { ...input, id: `fg-${n}`, number: n, changedAt: this.store.stamp() };
      account.invoiceBases.set(basis.id, basis);
      return basis;
    });
  }

  addProductGroups(customerNumber: string, items: unknown[]): { count: number } {
    const account = this.account(customerNumber);
    for (const g of adminInput(z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })), items)) account.groups.set(g.id, g);
    return { count: account.groups.size };
  }

  /** As a user in Backoffice: created or changed, `changedAt` moves when the content does. */
  upsertCustomers(customerNumber: string, items: unknown[]): { count: number } {
    const account = this.account(customerNumber);
    for (const item of items) refusedAsAdmin(() => upsertCustomer(this.store, account, item, customerInput.extend({ name: z.string().max(100) })));
    return { count: account.customers.size };
  }

  /** Products with their stock (`stockQuantity`, absent for a service); `service: true` keeps one in the services' table. */
  upsertProducts(customerNumber: string, items: unknown[]): { count: number } {
    const account = this.account(customerNumber);
    for (const item of items) {
      refusedAsAdmin(() => {
        const { stockQuantity, service } = valid(z.object({ stockQuantity: z.number().optional(), service: z.boolean().default(false) }), item);
        return upsertProduct(this.store, account, item, stockQuantity, service);
      });
    }
    return { count: account.products.size };
  }

  setFault(spec: DuellFaultSpec): ArmedFault {
    return adminCall(() => this.faultRegistry.arm(spec));
  }

  faults(): ArmedFault[] {
    return this.faultRegistry.list();
  }

  clearFaults(): void {
    this.faultRegistry.clear();
  }

  state(): DuellSandboxState {
    return {
      faults: this.faults(),
      calls: { ...this.store.calls },
      accounts: [...this.store.accounts.values()].map((a) => ({
        customerNumber: a.customerNumber, name: a.name,
        departments: Object.fromEntries([...a.departments.keys()].map((d) => [d, a.zReports.get(d)?.length ?? 0])),
        invoiceBases: a.invoiceBases.size, customers: a.customers.size, products: a.products.size,
      })),
    };
  }

  private account(customerNumber: string): AccountRecord {
    const account = this.store.account(customerNumber);
    if (!account) throw new AdminError(404, `customer ${customerNumber} does not exist`);
    return account;
  }
}

/** DUELL's refusal of an upsert as the admin's 400, its field first. */
function refusedAsAdmin<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof ApiError) throw new AdminError(400, err.field ? `${err.field}: ${err.message}` : err.message);
    throw err;
  }
}

/** The same operations over HTTP, for the CLI, the demo and out-of-process tests. */
export function adminRoutes(admin: DuellSandboxAdmin): JsonRouter {
  const base = '/admin/accounts/:customer';
  return new JsonRouter(16 * 1024 * 1024)
    .on('GET', '/admin/state', () => admin.state())
    .on('GET', '/admin/faults', () => admin.faults())
    .on('POST', '/admin/faults', ({ body }) => admin.setFault(objectBody(body) as unknown as DuellFaultSpec))
    .on('DELETE', '/admin/faults', () => admin.clearFaults())
    .on('POST', '/admin/accounts', ({ body }) => admin.createAccount(objectBody(body) as unknown as NewAccount))
    .on('PUT', `${base}/token`, ({ params, body }) => admin.renewToken(params.customer!, String(objectBody(body).token)))
    .on('POST', `${base}/departments`, ({ params, body }) => admin.addDepartments(params.customer!, itemsBody(body)))
    .on('POST', `${base}/departments/:department/z-reports`, ({ params, body }) => admin.addZReports(params.customer!, params.department!, itemsBody(body)))
    .on('GET', `${base}/departments/:department/z-reports`, ({ params }) => admin.zReports(params.customer!, params.department!))
    .on('PUT', `${base}/departments/:department/z-reports/:number/pdf`, ({ params, body }) =>
      admin.setZReportPdf(params.customer!, params.department!, Number(params.number), objectBody(body).present !== false))
    .on('POST', `${base}/departments/:department/saf-t`, ({ params, body }) => {
      const { xml, departmentName } = objectBody(body);
      if (typeof xml !== 'string') throw new AdminError(400, 'expected { "xml": "<auditfile …>", "departmentName"?: "…" }');
      return admin.importSafT(params.customer!, params.department!, xml, typeof departmentName === 'string' ? departmentName : undefined);
    })
    .on('POST', `${base}/invoice-bases`, ({ params, body }) => admin.addInvoiceBases(params.customer!, itemsBody(body)))
    .on('POST', `${base}/product-groups`, ({ params, body }) => admin.addProductGroups(params.customer!, itemsBody(body)))
    .on('POST', `${base}/customers`, ({ params, body }) => admin.upsertCustomers(params.customer!, itemsBody(body)))
    .on('POST', `${base}/products`, ({ params, body }) => admin.upsertProducts(params.customer!, itemsBody(body)));
}
