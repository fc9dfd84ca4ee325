/**
 * Test hooks, in process (TelarisSandboxAdmin) and over HTTP (/admin/...): companies and tokens, generated
 * and hand-made documents, bad input, faults, and a state summary (batches, export confirmations, call counts
 * per operation) for assertions.
 */
import { AdminError, adminCall, JsonRouter, objectBody } from '../shared/adminRouter';
import type { ArmedFault, FaultRegistry, FaultSpec } from '../shared/faults';
import { addBadDocument, BAD_DOCUMENT_KINDS, type BadDocument, type BadDocumentKind } from './badDocuments';
import type { DocumentType, WireBatch, WireCustomer, WireDocument, WireOpenBatch } from './model';
import type { Company, Confirmation, GenerateOptions, Store } from './store';

export interface NewCompany {
  companyNo: string;
  name?: string;
  organizationNumber?: string;
  apiToken: string;
  /** PRNG seed: the same seed gives the same customers and documents (default from companyNo). */
  seed?: number;
  /** Generated customers (default 50). */
  customers?: number;
}

export interface TelarisSandboxState {
  /** Requests that reached a handler, per operation (company, openBatch, closeBatch, batches, batch, documents, confirmExport, customers, customer). */
  calls: Record<string, number>;
  faults: ArmedFault[];
  companies: Array<{
    companyNo: string;
    name: string;
    customers: number;
    open: WireOpenBatch;
    batches: WireBatch[];
    exportConfirmations: Confirmation[];
  }>;
}

export class TelarisSandboxAdmin {
  constructor(private readonly store: Store, private readonly faultRegistry: FaultRegistry) {}

  createCompany(input: NewCompany): { companyNo: string; name: string; organizationNumber: string; customers: number } {
    if (!/^[A-Za-z0-9-]{1,20}$/.test(String(input.companyNo ?? ''))) throw new AdminError(400, 'companyNo: 1–20 letters, digits or dashes');
    if (!input.apiToken) throw new AdminError(400, 'apiToken is required');
    if (this.store.companies.has(input.companyNo)) throw new AdminError(409, `company ${input.companyNo} exists`);
    const c = this.store.addCompany({
      companyNo: input.companyNo, name: input.name ?? `Firma ${input.companyNo} AS`, organizationNumber: input.organizationNumber ?? '923609016',
      apiToken: input.apiToken, seed: input.seed ?? hash(input.companyNo), customers: input.customers ?? 50,
    });
    return { companyNo: c.companyNo, name: c.name, organizationNumber: c.organizationNumber, customers: c.customers.size };
  }

  grantToken(token: string, companyNo: string): void {
    this.company(companyNo);
    this.store.grant(token, companyNo);
  }

  /** The token stops working at once (401 on the next call): "the customer rotated the token". */
  revokeToken(token: string): void {
    this.store.tokens.delete(token);
  }

  /** Generated documents into the open batch; 20 000 take well under a second (they are kept as specs). */
  generateDocuments(input: { companyNo: string } & GenerateOptions): { added: number; open: WireOpenBatch } {
    const company = this.company(input.companyNo);
    if (!Number.isInteger(input.count) || input.count < 0 || input.count > 1_000_000) throw new AdminError(400, 'count: a whole number 0–1 000 000');
    const added = this.store.generate(company, input);
    return { added, open: this.store.wireOpen(company) };
  }

  /** A hand-made document into the open batch, exactly as given (it may break the model on purpose). */
  addDocument(input: { companyNo: string; document: WireDocument }): { documentId: string } {
    const company = this.company(input.companyNo);
    this.store.add(company, { doc: input.document });
    return { documentId: String((input.document as Partial<WireDocument>).id) };
  }

  addCustomer(input: { companyNo: string; customer: WireCustomer }): void {
    this.company(input.companyNo).customers.set(input.customer.customerNo, input.customer);
  }

  addBadDocument(input: { companyNo: string; kind: BadDocumentKind; documentId?: string }): BadDocument {
    if (!BAD_DOCUMENT_KINDS.includes(input.kind)) throw new AdminError(400, `unknown kind "${input.kind}" (one of ${BAD_DOCUMENT_KINDS.join(', ')})`);
    try {
      return addBadDocument(this.store, this.company(input.companyNo), input.kind, input);
    } catch (err) {
      if (err instanceof AdminError) throw err;
      throw new AdminError(409, err instanceof Error ? err.message : String(err));
    }
  }

  /** Same as the API's Close batch, without a token and without counting a call. */
  closeBatch(companyNo: string): WireBatch {
    return this.store.wireBatch(this.store.close(this.company(companyNo)).batch);
  }

  batches(companyNo: string): WireBatch[] {
    return this.company(companyNo).batches.map((b) => this.store.wireBatch(b));
  }

  /** Every document of a closed batch as the API lists it (repeats included). */
  batchDocuments(companyNo: string, batchId: string): WireDocument[] {
    const company = this.company(companyNo);
    const batch = company.batches.find((b) => b.id === batchId);
    if (!batch) throw new AdminError(404, `batch ${batchId} does not exist in company ${companyNo}`);
    return batch.entries.map((e) => this.store.document(company, e));
  }

  customers(companyNo: string): WireCustomer[] {
    return [...this.company(companyNo).customers.values()];
  }

  documentTypes(companyNo: string, batchId: string): Record<DocumentType, number> {
    const counts: Record<DocumentType, number> = { salesInvoice: 0, payment: 0, cost: 0, cashSettlement: 0 };
    for (const d of this.batchDocuments(companyNo, batchId)) counts[d.type] = (counts[d.type] ?? 0) + 1;
    return counts;
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

  resetCalls(): void {
    for (const key of Object.keys(this.store.calls)) delete this.store.calls[key];
  }

  state(): TelarisSandboxState {
    return {
      calls: { ...this.store.calls },
      faults: this.faults(),
      companies: [...this.store.companies.values()].map((c) => ({
        companyNo: c.companyNo, name: c.name, customers: c.customers.size, open: this.store.wireOpen(c),
        batches: c.batches.map((b) => this.store.wireBatch(b)), exportConfirmations: c.confirmations.map((x) => ({ ...x })),
      })),
    };
  }

  private company(companyNo: string): Company {
    const company = this.store.companies.get(String(companyNo));
    if (!company) throw new AdminError(404, `company ${companyNo} does not exist`);
    return company;
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The same operations over HTTP, for the CLI, the demo and out-of-process tests. */
export function adminRoutes(admin: TelarisSandboxAdmin): JsonRouter {
  const withCompany = (companyNo: string, body: unknown) => ({ ...objectBody(body ?? {}), companyNo });
  return new JsonRouter()
    .on('GET', '/admin/state', () => admin.state())
    .on('GET', '/admin/faults', () => admin.faults())
    .on('POST', '/admin/faults', ({ body }) => adminCall(() => admin.setFault(objectBody(body) as unknown as FaultSpec)))
    .on('DELETE', '/admin/faults', () => admin.clearFaults())
    .on('POST', '/admin/companies', ({ body }) => adminCall(() => admin.createCompany(objectBody(body) as unknown as NewCompany)))
    .on('POST', '/admin/tokens', ({ body }) => { const b = objectBody(body); admin.grantToken(String(b.token), String(b.companyNo)); })
    .on('DELETE', '/admin/tokens/:token', ({ params }) => admin.revokeToken(params.token!))
    .on('POST', '/admin/companies/:companyNo/documents/generate', ({ params, body }) => adminCall(() => admin.generateDocuments(withCompany(params.companyNo!, body) as never)))
    .on('POST', '/admin/companies/:companyNo/documents', ({ params, body }) => adminCall(() => admin.addDocument({ companyNo: params.companyNo!, document: objectBody(body) as never })))
    .on('POST', '/admin/companies/:companyNo/bad-documents', ({ params, body }) => adminCall(() => admin.addBadDocument(withCompany(params.companyNo!, body) as never)))
    .on('POST', '/admin/companies/:companyNo/customers', ({ params, body }) => adminCall(() => admin.addCustomer({ companyNo: params.companyNo!, customer: objectBody(body) as never })))
    .on('GET', '/admin/companies/:companyNo/customers', ({ params }) => admin.customers(params.companyNo!))
    .on('POST', '/admin/companies/:companyNo/batches/close', ({ params }) => admin.closeBatch(params.companyNo!))
    .on('GET', '/admin/companies/:companyNo/batches', ({ params }) => admin.batches(params.companyNo!))
    .on('GET', '/admin/companies/:companyNo/batches/:batchId/documents', ({ params }) => admin.batchDocuments(params.companyNo!, params.batchId!));
}
