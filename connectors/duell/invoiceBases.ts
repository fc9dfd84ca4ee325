/** Invoice bases (fakturagrunnlag): sales on account DUELL hands over to be invoiced. */
import type { InvoiceBasis } from '../../domain/settlement/invoiceBasis';
import { numbered, type DuellClient } from './client';
import { invoiceBasisSchema } from './wire';

export function invoiceBases(client: DuellClient, query: { changedSince?: string; departmentId?: string } = {}): AsyncGenerator<InvoiceBasis[]> {
  return client.pages('invoice-bases', '/invoice-bases', 'invoice-bases', invoiceBasisSchema, numbered('invoice basis'), query);
}
