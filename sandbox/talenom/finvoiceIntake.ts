/**
 * Reading a received Finvoice 3.0 document as Talenom's intake would: no DTD or entities, a Finvoice root, and
 * the fields the sales ledger and the sales-account rule need. Amounts in cents from comma decimals.
 */
import { XMLParser } from 'fast-xml-parser';
import { toMinor } from '../../domain/money';
import { assertSafeXml, UnsafeXmlError } from '../shared/xmlGuard';

export interface IntakeRow { position: number; salesAccount?: string; vatPercent?: number }

export interface Intake {
  number: string;
  date: string;
  dueDate: string;
  currency: string;
  reference: string;
  /** EpiInstructedAmount in cents (negative on a credit note). */
  amount: number;
  rows: IntakeRow[];
}

export class IntakeError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, processEntities: true, isArray: (name) => name === 'InvoiceRow' });

export function readFinvoice(xml: string): Intake {
  try {
    assertSafeXml(xml);
  } catch (err) {
    if (err instanceof UnsafeXmlError) throw new IntakeError('document', err.message);
    throw err;
  }
  let doc: Record<string, any>;
  try {
    doc = parser.parse(xml);
  } catch (err) {
    throw new IntakeError('document', `the document is not well-formed XML: ${(err as Error).message}`);
  }
  const root = doc.Finvoice;
  if (!root || root['@Version'] !== '3.0') throw new IntakeError('document', 'the document is not a Finvoice 3.0 invoice (root <Finvoice Version="3.0">)');
  const details = root.InvoiceDetails ?? {};
  const epi = root.EpiDetails?.EpiPaymentInstructionDetails ?? {};
  const number = text(details.InvoiceNumber);
  if (!number) throw new IntakeError('InvoiceDetails.InvoiceNumber', 'InvoiceNumber is required');
  const rows: IntakeRow[] = (root.InvoiceRow ?? []).map((row: Record<string, unknown>, i: number) => {
    const rate = text(row.RowVatRatePercent);
    const account = text(row.RowNormalProposedAccountIdentifier);
    return { position: i + 1, ...(account ? { salesAccount: account } : {}), ...(rate ? { vatPercent: Number(rate.replace(',', '.')) } : {}) };
  });
  if (rows.length === 0) throw new IntakeError('InvoiceRow', 'the invoice has no InvoiceRow');
  const amountText = text(epi.EpiInstructedAmount);
  return {
    number,
    date: isoDate(text(details.InvoiceDate), 'InvoiceDetails.InvoiceDate'),
    dueDate: isoDate(text(epi.EpiDateOptionDate) || text(details.PaymentTermsDetails?.InvoiceDueDate), 'EpiDetails.EpiPaymentInstructionDetails.EpiDateOptionDate'),
    currency: (epi.EpiInstructedAmount?.['@AmountCurrencyIdentifier'] as string | undefined) ?? 'EUR',
    reference: text(epi.EpiRemittanceInfoIdentifier),
    amount: toMinor(amountText.replace(',', '.') || '0'),
    rows,
  };
}

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return String((node as Record<string, unknown>)['#text'] ?? '').trim();
  return String(node).trim();
}

function isoDate(ccyymmdd: string, field: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(ccyymmdd);
  if (!m) throw new IntakeError(field, `${field} must be a date CCYYMMDD, not "${ccyymmdd}"`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}
