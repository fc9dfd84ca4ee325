/**
 * Bad input on demand (issue 3, "Bad input"): each kind adds one document to the open batch that a real
 * Telaris tenant has been seen to send, so a test can watch the flow refuse it with a clear message.
 */
import { formatMinor, toMinor } from '../../domain/money';
import { buildDocument, type DocSpec } from './documents';
import type { WireCustomer, WireDocument } from './model';
import { osloDay, type Company, type Store } from './store';

export type BadDocumentKind =
  | 'threeDecimals' // an invoice whose amounts have a third decimal (1250.005)
  | 'unbalanced' // an invoice whose receivable is 0.10 more than sales + VAT
  | 'unknownAccount' // a sales line on account 3999, which no seeded chart has
  | 'unknownVatCode' // a sales line with VAT code 99
  | 'unknownProject' // a sales line with project 99
  | 'unknownDepartment' // a sales line with department 99
  | 'customerWithoutOrgNumber' // a new customer without organisation number, and an invoice to it
  | 'customerInvalidOrgNumber' // a new customer whose organisation number fails modulus 11, and an invoice to it
  | 'repeatedDocument' // a document of the open batch listed a second time (at the end, so on a later page)
  | 'malformedDocument'; // no date, and an account number as text

export const BAD_DOCUMENT_KINDS: readonly BadDocumentKind[] = ['threeDecimals', 'unbalanced', 'unknownAccount', 'unknownVatCode', 'unknownProject',
  'unknownDepartment', 'customerWithoutOrgNumber', 'customerInvalidOrgNumber', 'repeatedDocument', 'malformedDocument'];

export interface BadDocument {
  kind: BadDocumentKind;
  documentId: string;
  customerNo?: string;
}

export function addBadDocument(store: Store, company: Company, kind: BadDocumentKind, options: { documentId?: string } = {}): BadDocument {
  if (kind === 'repeatedDocument') return repeat(store, company, options.documentId);
  const doc = anInvoice(store, company);
  const sales = doc.lines[1]!;
  let customerNo: string | undefined;
  switch (kind) {
    case 'threeDecimals':
      // Both sides get the extra half øre, so the document still balances: only the decimals are wrong.
      doc.lines[0]!.amount += '5';
      sales.amount += '5';
      break;
    case 'unbalanced':
      doc.lines[0]!.amount = formatMinor(toMinor(doc.lines[0]!.amount) + 10);
      break;
    case 'unknownAccount': sales.account = 3999; break;
    case 'unknownVatCode': sales.vatCode = '99'; break;
    case 'unknownProject': sales.project = '99'; sales.department ??= '1'; break;
    case 'unknownDepartment': sales.department = '99'; break;
    case 'customerWithoutOrgNumber':
    case 'customerInvalidOrgNumber': {
      const customer = newCustomer(company, kind === 'customerWithoutOrgNumber' ? undefined : '912345670');
      doc.customerNo = customerNo = customer.customerNo;
      doc.description = `Faktura ${doc.number} ${customer.name}`;
      delete doc.kid;
      break;
    }
    case 'malformedDocument': {
      const broken = doc as unknown as Record<string, unknown>;
      delete broken.date;
      (sales as unknown as Record<string, unknown>).account = String(sales.account);
      break;
    }
  }
  store.add(company, { doc });
  return { kind, documentId: doc.id, ...(customerNo ? { customerNo } : {}) };
}

/** A fresh generated invoice dated today, kept as data (not as a spec) so it can be changed. */
function anInvoice(store: Store, company: Company): WireDocument {
  const spec: DocSpec = { seq: company.nextSeq++, type: 'salesInvoice', no: company.nextNo.salesInvoice++, day: osloDay(store.now()), dims: true };
  return buildDocument({ seed: company.seed, customers: company.generated }, spec);
}

function newCustomer(company: Company, organizationNumber: string | undefined): WireCustomer {
  const customerNo = String(90001 + [...company.customers.keys()].filter((no) => no.startsWith('9')).length);
  const customer: WireCustomer = {
    customerNo, name: organizationNumber ? 'Feilnummer Handel AS' : 'Ola Nordmann Enkeltpersonforetak',
    ...(organizationNumber ? { organizationNumber } : {}),
    address: { street: 'Storgata 1', postalCode: '0155', city: 'Oslo', country: 'NO' },
  };
  company.customers.set(customerNo, customer);
  return customer;
}

function repeat(store: Store, company: Company, documentId: string | undefined): BadDocument {
  const entries = company.open.entries;
  const entry = documentId ? entries.find((e) => store.document(company, e).id === documentId) : entries[0];
  if (!entry) throw new Error(documentId ? `document ${documentId} is not in the open batch` : 'the open batch is empty: add documents before repeating one');
  store.add(company, entry);
  return { kind: 'repeatedDocument', documentId: store.document(company, entry).id };
}
