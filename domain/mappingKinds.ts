/**
 * The kinds of mapping an operator sets (`ledgerbridge mappings set acme voucher-type salesInvoice=1`): what the
 * source key is and what the target must look like. Numeric targets are ids in the target system; the batch flow
 * reads a non-numeric one as "not mapped", so it is refused when it is typed rather than found at preflight.
 */
import { VOUCHER_KINDS } from './batch/voucher';
import { SETTLEMENT_ACCOUNT_SOURCE } from './settlement/accounts';

export interface MappingKindRule {
  /** What the key means, for help and errors. */
  meaning: string;
  example: string;
  numericTarget: boolean;
  /** The only source keys there are, when the kind has a fixed set. */
  sources?: readonly string[];
  /** The form every source key has, when the kind has one but no fixed set. */
  sourceForm?: { pattern: RegExp; form: string };
  /** An id the flows learn and keep as a cross-reference (set by hand only to correct one). */
  crossReference?: boolean;
}

export const MAPPING_KINDS: Record<string, MappingKindRule> = {
  'voucher-type': { meaning: 'document kind → voucher type (TypeNo)', example: 'salesInvoice=1', numericTarget: true, sources: VOUCHER_KINDS },
  account: { meaning: 'source account → target account', example: '3010=3000', numericTarget: true },
  'vat-code': { meaning: 'SAF-T VAT code → target tax code (TaxNo)', example: '3=1', numericTarget: false },
  project: { meaning: 'source project code → target project id', example: 'P-100=2', numericTarget: true },
  department: { meaning: 'source department code → target department id', example: 'OSL=1', numericTarget: true },
  customer: { meaning: 'source customer number → target company id (learnt by syncing)', example: '10001=501', numericTarget: true, crossReference: true },
  supplier: { meaning: 'source supplier number → target company id (learnt by syncing)', example: '20001=502', numericTarget: true, crossReference: true },
  product: { meaning: 'source product number → target product', example: 'A-1=1001', numericTarget: false },
  'work-type': { meaning: 'source work-type code → target product code', example: 'SUUNN=P200', numericTarget: false },
  'travel-expense': { meaning: 'source travel-expense code → target product code', example: 'KM=P900', numericTarget: false },
  'sales-account': { meaning: 'source sales account → target sales account', example: '3000=3001', numericTarget: false },
  'payment-type': { meaning: 'source payment type → target payment type', example: 'card=2', numericTarget: false },
  'product-category': { meaning: 'DUELL product group → 24SevenOffice product category id (else the group id as it is)', example: '10=1', numericTarget: true },
  'settlement-account': { meaning: 'part of a POS settlement (payment type, sales, VAT, rounding …) → target account', example: 'payment:cash=1900', numericTarget: true, sourceForm: SETTLEMENT_ACCOUNT_SOURCE },
};

/** Why `source=target` cannot be a mapping of this kind, or undefined when it can. */
export function mappingProblem(kind: string, source: string, target: string): string | undefined {
  const rule = MAPPING_KINDS[kind];
  if (!rule) return `"${kind}" is not a mapping kind: use one of ${Object.keys(MAPPING_KINDS).join(', ')}`;
  if (rule.sources && !rule.sources.includes(source)) return `${kind} ${source}: the source must be one of ${rule.sources.join(', ')}`;
  if (rule.sourceForm && !rule.sourceForm.pattern.test(source)) return `${kind} ${source}: the source must be ${rule.sourceForm.form}`;
  if (!target.trim()) return `${kind} ${source}: the target is empty, e.g. ${kind} ${rule.example}`;
  if (rule.numericTarget && !/^\d+$/.test(target)) return `${kind} ${source}=${target}: the target must be a whole number (an id in the target system), e.g. ${kind} ${rule.example}`;
  return undefined;
}
