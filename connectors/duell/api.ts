/**
 * The DUELL connector's interface, what flows call. The implementation (client.ts, index.ts) and the sandbox
 * (sandbox/duell) follow README.md beside this file. Reads come in pages; a changed-since read gives every item
 * changed at or after the instant, and the caller keeps the latest `changedAt` it saw as its next cursor.
 */
import type { Customer } from '../../domain/settlement/customer';
import type { InvoiceBasis } from '../../domain/settlement/invoiceBasis';
import type { Product } from '../../domain/settlement/product';
import type { ZReport } from '../../domain/settlement/zReport';
import type { CheckReport, Connector } from '../types';
import type { DuellDepartment } from './wire';

export type { DuellDepartment } from './wire';

/** Where a Z-report read starts: at a Z number of the department's series, or at an instant DUELL stored it. */
export type ZReportFrom = { fromNumber: number } | { changedSince: string };

export interface ZReportPage {
  reports: ZReport[];
  /** The latest instant DUELL stored a report of this page: the next changed-since cursor. */
  changedUntil: string;
}

export interface ZReportPdf {
  contentType: 'application/pdf';
  bytes: Buffer;
  /** "Z-OSL-1042-2026-11-30.pdf", for the voucher's attachment. */
  fileName: string;
}

/** What 24SevenOffice, as master, writes into DUELL; DUELL keeps its own `changedAt` and stock. */
export type CustomerUpsert = Omit<Customer, 'changedAt'>;
export type ProductUpsert = Omit<Product, 'changedAt' | 'stockQuantity'>;

export interface Duell extends Connector {
  /** Customer number and token accepted; the departments DUELL has. */
  check(): Promise<CheckReport>;

  departments(): Promise<DuellDepartment[]>;
  /** The department's Z-reports in number order, page by page. */
  zReports(departmentId: string, from: ZReportFrom): AsyncIterable<ZReportPage>;
  /** The report's PDF as DUELL made it; refused when it is not a PDF or larger than `maxPdfBytes`. */
  zReportPdf(report: Pick<ZReport, 'departmentId' | 'number' | 'date' | 'pdfId'>): Promise<ZReportPdf>;

  invoiceBases(query?: { changedSince?: string; departmentId?: string }): AsyncIterable<InvoiceBasis[]>;
  customers(query?: { changedSince?: string }): AsyncIterable<Customer[]>;
  products(query?: { changedSince?: string }): AsyncIterable<Product[]>;

  /** Creates or updates the customer with the number; saving the same customer again changes nothing. */
  upsertCustomer(customer: CustomerUpsert): Promise<Customer>;
  upsertProduct(product: ProductUpsert): Promise<Product>;
}
