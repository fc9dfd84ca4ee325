/**
 * Talenom's Sales API as connectors/talenom/README.md models it: the OAuth token endpoint, Azure APIM in front
 * (subscription key, bearer token, its own error texts), and the organisation's contacts, Finvoice intake,
 * sales accounts, products and sales ledger, with Talenom's rules and injected faults. Admin JSON is under /admin.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { JsonRouter } from '../shared/adminRouter';
import type { FaultRegistry } from '../shared/faults';
import { PayloadTooLargeError, readBody, sendJson } from '../shared/http';
import { IntakeError, readFinvoice } from './finvoiceIntake';
import type { Organisation, Store, StoredInvoice } from './store';

export const TOKEN_PATH = '/oauth2/token';
export const SCOPE = 'https://apim.talenom.com/.default';
const TOKEN_LIFETIME_S = 3600;
/** Azure APIM's own answers (its documented default texts). */
const MISSING_KEY = 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const INVALID_KEY = 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';
const BAD_TOKEN = 'Unauthorized. Access token is missing or invalid.';

export interface ApiDeps { store: Store; faults: FaultRegistry; admin: JsonRouter; maxRequestBytes: number }

class ApiError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`HTTP ${status}`);
  }
}
const reasons = (status: number, ...errors: { field?: string; message: string }[]) => new ApiError(status, { errors });

interface Call { org: Organisation; store: Store; query: URLSearchParams; raw: Buffer }
interface Route { method: 'GET' | 'POST' | 'PUT'; path: string; op: string; handle(call: Call): { status: number; body: unknown } }

const contactBody = z.object({
  organizationNumber: z.string(),
  type: z.enum(['Company', 'Consumer']),
  number: z.string().min(1).max(20),
  name: z.string().min(1).max(100),
  businessId: z.string().nullish(),
  vatNumber: z.string().nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  InvoiceLanguage: z.string().min(2),
  invoicingAddress: z.object({ address1: z.string(), country: z.string().length(2), postalCode: z.string(), postOffice: z.string() }),
  eInvoiceAddress: z.string().nullable(),
  eInvoiceOperator: z.string().nullable(),
  email: z.string().nullish(),
});
const productBody = z.array(z.object({
  code: z.string().min(1).max(30), name: z.string().min(1), unit: z.string().optional(), unitPrice: z.number().optional(),
  vatPercent: z.number().min(0).max(100).optional(), salesAccountNumber: z.string().max(6).optional(), isActive: z.boolean(),
}));
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ledgerBody = z.array(z.object({
  invoiceNumber: z.string().min(1), contactNumber: z.string(), referenceNumber: z.string(), date: day, dueDate: day, currency: z.string(),
  amount: z.number().int(), openAmount: z.number().int(), payments: z.array(z.object({ date: day, amount: z.number().int() })),
}));

const ROUTES: Route[] = [
  { method: 'GET', path: '/sales-accounts', op: 'salesAccounts', handle: ({ org }) => ({ status: 200, body: { results: org.salesAccounts } }) },
  {
    method: 'POST', path: '/contacts', op: 'upsertContact', handle: ({ org, raw }) => {
      const body = validate(contactBody, json(raw));
      if (body.organizationNumber !== org.organizationNumber) throw reasons(400, { field: 'organizationNumber', message: `organizationNumber ${body.organizationNumber} is not the organisation of the path (${org.organizationNumber})` });
      const existing = org.contacts.get(body.number);
      const contact = { businessId: null, vatNumber: null, email: null, ...body, contactId: existing?.contactId ?? randomUUID() };
      org.contacts.set(body.number, contact);
      return { status: existing ? 200 : 201, body: { contactId: contact.contactId } };
    },
  },
  {
    method: 'GET', path: '/contacts', op: 'contacts', handle: ({ org, query }) => {
      const number = query.get('number');
      return { status: 200, body: { results: [...org.contacts.values()].filter((c) => number === null || c.number === number) } };
    },
  },
  { method: 'POST', path: '/invoices/finvoice', op: 'sendInvoice', handle: (call) => ({ status: 201, body: wire(receive(call)) }) },
  {
    method: 'GET', path: '/invoices', op: 'invoices', handle: ({ org, query }) => {
      const documentId = query.get('documentId');
      return { status: 200, body: { results: org.invoices.filter((i) => documentId === null || i.documentId === documentId).map(wire) } };
    },
  },
  {
    method: 'PUT', path: '/products', op: 'upsertProducts', handle: ({ org, raw }) => {
      const products = validate(productBody, json(raw));
      let created = 0;
      for (const product of products) {
        if (!org.products.has(product.code)) created++;
        org.products.set(product.code, product);
      }
      return { status: 200, body: { created, updated: products.length - created } };
    },
  },
  { method: 'GET', path: '/products', op: 'products', handle: ({ org }) => ({ status: 200, body: { results: [...org.products.values()] } }) },
  {
    method: 'PUT', path: '/sales-ledger', op: 'upsertSalesLedger', handle: ({ org, raw }) => {
      const items = validate(ledgerBody, json(raw));
      let created = 0;
      for (const item of items) {
        if (!org.ledger.has(item.invoiceNumber)) created++;
        org.ledger.set(item.invoiceNumber, item);
      }
      return { status: 200, body: { created, updated: items.length - created } };
    },
  },
  { method: 'GET', path: '/sales-ledger', op: 'salesLedger', handle: ({ org }) => ({ status: 200, body: { results: [...org.ledger.values()] } }) },
];

/** The Finvoice intake: the document is read, checked against the organisation's rules, kept and booked. */
function receive({ org, store, query, raw }: Call): StoredInvoice {
  const documentId = query.get('documentId') ?? '';
  const contactId = query.get('contactId') ?? '';
  if (!documentId) throw reasons(400, { field: 'documentId', message: 'documentId is required' });
  const contact = [...org.contacts.values()].find((c) => c.contactId === contactId);
  if (!contact) throw reasons(400, { field: 'contactId', message: `contact ${contactId || '(none)'} does not exist in organisation ${org.organizationNumber}` });
  if (org.invoices.some((i) => i.documentId === documentId)) throw reasons(409, { field: 'documentId', message: `an invoice with documentId ${documentId} has already been received` });
  const xml = raw.toString('utf8');
  let intake;
  try {
    intake = readFinvoice(xml);
  } catch (err) {
    if (err instanceof IntakeError) throw reasons(400, { field: err.field, message: err.message });
    throw err;
  }
  if (org.usesSalesAccounts) {
    const problems = intake.rows.flatMap((row) => {
      const field = `InvoiceRow[${row.position}].RowNormalProposedAccountIdentifier`;
      if (!row.salesAccount) return [{ field, message: `row ${row.position} has no sales account; organisation ${org.organizationNumber} books sales by sales account` }];
      if (org.salesAccounts.some((a) => a.number === row.salesAccount && a.vatPercent === row.vatPercent)) return [];
      const known = org.salesAccounts.filter((a) => a.number === row.salesAccount).map((a) => `${a.vatPercent} %`);
      return [{ field, message: `row ${row.position}: sales account ${row.salesAccount} with VAT ${row.vatPercent ?? '(none)'} % does not match a sales account of the ledger` +
        (known.length ? ` (${row.salesAccount} is for VAT ${known.join(', ')})` : ` (${row.salesAccount} does not exist)`) }];
    });
    if (problems.length) throw reasons(400, ...problems);
  }
  const invoice: StoredInvoice = {
    id: randomUUID(), documentId, number: intake.number, contactNumber: contact.number, status: 'Received',
    documentHash: createHash('sha256').update(raw).digest('hex'), receivedAt: store.now().toISOString(), xml,
  };
  org.invoices.push(invoice);
  org.ledger.set(intake.number, {
    invoiceNumber: intake.number, contactNumber: contact.number, referenceNumber: intake.reference, date: intake.date, dueDate: intake.dueDate,
    currency: intake.currency, amount: intake.amount, openAmount: intake.amount, payments: [],
  });
  return invoice;
}

const wire = ({ xml: _xml, ...invoice }: StoredInvoice) => invoice;

export function createApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (!url.pathname.startsWith('/admin')) res.once('finish', () => deps.store.log({ at: deps.store.now().toISOString(), method: req.method ?? '', path: url.pathname, status: res.statusCode }));
    handle(deps, req, res, url).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, { errors: [{ message: err instanceof Error ? err.message : String(err) }] });
    });
  };
}

async function handle(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
    if (!(await deps.admin.handle(req, res, url))) sendJson(res, 404, { error: `no admin route ${req.method} ${url.pathname}` });
    return;
  }
  try {
    if (url.pathname === TOKEN_PATH && req.method === 'POST') return sendJson(res, ...token(deps.store, await body(req, 64 * 1024)));
    const m = /^\/([a-z]{2})\/sales\/v1\/([^/]+)(\/.*)$/.exec(url.pathname);
    const route = m ? ROUTES.find((r) => r.path === m[3] && r.method === req.method) : undefined;
    if (!m || !route) throw new ApiError(404, { statusCode: 404, message: 'Resource not found' }); // APIM: no such operation
    apim(deps.store, req);
    const org = organisation(deps.store, req, decodeURIComponent(m[2]!));
    const fault = deps.faults.take(route.op);
    if (fault?.kind === 'http500') throw new ApiError(500, { errors: [{ message: 'An unexpected error occurred.' }] });
    const raw = req.method === 'GET' ? Buffer.alloc(0) : await body(req, deps.maxRequestBytes);
    const result = route.handle({ org, store: deps.store, query: url.searchParams, raw });
    if (fault?.kind === 'lostResponse') return void req.socket.destroy(); // done, but the caller never hears of it
    sendJson(res, result.status, result.body);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    sendJson(res, err.status, err.body);
  }
}

function token(store: Store, raw: Buffer): [number, unknown] {
  const form = new URLSearchParams(raw.toString('utf8'));
  if (form.get('grant_type') !== 'client_credentials') return [400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' }];
  const clientId = form.get('client_id') ?? '';
  const orgs = store.byClient(clientId);
  if (orgs.length === 0 || orgs[0]!.clientSecret !== form.get('client_secret')) return [401, { error: 'invalid_client', error_description: 'Invalid client secret or client id.' }];
  if (form.get('scope') !== SCOPE) return [400, { error: 'invalid_scope', error_description: `The scope must be ${SCOPE}.` }];
  return [200, { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S, access_token: store.issueToken(clientId, TOKEN_LIFETIME_S) }];
}

/** Azure APIM in front: a subscription key of some organisation, then a valid bearer token. */
function apim(store: Store, req: IncomingMessage): void {
  const key = req.headers['ocp-apim-subscription-key'];
  if (typeof key !== 'string' || !key) throw new ApiError(401, { statusCode: 401, message: MISSING_KEY });
  if (![...store.organisations.values()].some((o) => o.subscriptionKey === key)) throw new ApiError(401, { statusCode: 401, message: INVALID_KEY });
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  const issued = bearer ? store.tokens.get(bearer) : undefined;
  if (!issued || issued.expiresAt <= store.now().getTime()) throw new ApiError(401, { statusCode: 401, message: BAD_TOKEN });
}

function organisation(store: Store, req: IncomingMessage, organizationNumber: string): Organisation {
  const org = store.organisations.get(organizationNumber);
  if (!org) throw reasons(404, { field: 'organizationNumber', message: `organisation ${organizationNumber} does not exist` });
  const clientId = store.tokens.get(/^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')![1]!.trim())!.clientId;
  if (org.clientId !== clientId || org.subscriptionKey !== req.headers['ocp-apim-subscription-key']) {
    throw reasons(403, { field: 'organizationNumber', message: `the client has no access to organisation ${organizationNumber}` });
  }
  return org;
}

async function body(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await readBody(req, limit);
  } catch (err) {
    if (err instanceof PayloadTooLargeError) throw new ApiError(413, { statusCode: 413, message: `The request body is larger than ${limit} bytes.` });
    throw err;
  }
}

function json(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw reasons(400, { message: 'the body is not valid JSON' });
  }
}

function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw reasons(400, ...result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
}
