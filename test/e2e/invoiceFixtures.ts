/**
 * Small domain helpers for the invoice-transfer tests: the demo's customers by name, an invoice waiting with a
 * few rows, reading back what Talenom received (VAT breakdown, rows, free texts) from the Finvoice XML, and
 * waiting for an invoice's row or a run to reach a stage.
 */
import { XMLParser } from 'fast-xml-parser';
import type { NewInvoice, NewRow } from '../../sandbox/severa';
import { runView } from '../../client/invoices';
import type { InvoiceRunView } from '../../workflows/invoiceTransferRun';
import type { InvoiceTransfer } from '../../db/repos';
import type { InvoiceStage } from './invoiceHarness';

/** The demo organisation's customers (sandbox/severa/seed.ts). */
export const CUSTOMERS = {
  eInvoicing: 'Mäkelän Rakennus Oy',
  plain: 'Lehtosen Sähkö ja Pörssi Ky',
  consumer: 'Matti Meikäläinen',
} as const;

export const hours = (quantity: number, unitPrice = 100, more: Partial<NewRow> = {}): NewRow => ({ type: 'Hours', code: 'OHJ', quantity, unitPrice, ...more });

/** An invoice of the plain company customer, waiting, dated in the demo's month. */
export function anInvoice(more: Partial<NewInvoice> = {}): Omit<NewInvoice, 'status'> {
  return { customer: CUSTOMERS.plain, date: '2026-11-20', rows: [hours(2)], ...more };
}

/** The invoice number Severa gave on entering the waiting status. */
export function numberOf(stage: InvoiceStage, guid: string): string {
  return String(stage.severaInvoice(guid).number);
}

export interface ReadFinvoice {
  vat: { rate: string; base: string; vat: string }[];
  rows: { name: string; account?: string; rate: string; freeTexts: string[] }[];
  freeTexts: string[];
  buyerName: string;
  yourReference?: string;
}

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['VatSpecificationDetails', 'InvoiceRow', 'InvoiceFreeText', 'RowFreeText'].includes(name) });
const textOf = (v: unknown): string => (v === undefined ? '' : typeof v === 'object' ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v));

/** The parts of a received Finvoice the tests look at, as written (comma decimals). */
export function readFinvoice(xml: string): ReadFinvoice {
  const root = parser.parse(xml).Finvoice;
  const details = root.InvoiceDetails;
  return {
    vat: (details.VatSpecificationDetails ?? []).map((v: Record<string, unknown>) => ({ rate: textOf(v.VatRatePercent), base: textOf(v.VatBaseAmount), vat: textOf(v.VatRateAmount) })),
    rows: (root.InvoiceRow ?? []).map((r: Record<string, unknown>) => ({
      name: textOf(r.ArticleName), account: r.RowNormalProposedAccountIdentifier === undefined ? undefined : textOf(r.RowNormalProposedAccountIdentifier),
      rate: textOf(r.RowVatRatePercent), freeTexts: ((r.RowFreeText as unknown[]) ?? []).map(textOf),
    })),
    freeTexts: (details.InvoiceFreeText ?? []).map(textOf),
    buyerName: textOf(root.BuyerPartyDetails?.BuyerOrganisationName),
    yourReference: details.BuyerReferenceIdentifier === undefined ? undefined : textOf(details.BuyerReferenceIdentifier),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await probe().catch((err: unknown) => err);
    if (last !== undefined && !(last instanceof Error)) return last as T;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} within ${timeoutMs} ms; last seen ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

/** The invoice's row once it is in `wanted` (the row is where `ledgerbridge invoices list` looks). */
export function waitForRow(stage: InvoiceStage, guid: string, wanted: InvoiceTransfer['stage'], timeoutMs = 30_000): Promise<InvoiceTransfer> {
  return until(`invoice ${guid} did not reach ${wanted} in invoice_transfers`, async () => {
    const row = await stage.row(guid);
    return row?.stage === wanted ? row : undefined;
  }, timeoutMs);
}

/** The run's view once it is in `wanted`. */
export function waitForRun(stage: InvoiceStage, workflowId: string, wanted: string, timeoutMs = 30_000): Promise<InvoiceRunView> {
  return until(`run ${workflowId} did not reach ${wanted}`, async () => {
    const view = await runView(stage.env.client, workflowId);
    return view.stage === wanted ? view : undefined;
  }, timeoutMs);
}
