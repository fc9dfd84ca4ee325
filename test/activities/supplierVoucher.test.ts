/**
 * A CostTracker invoice as a 24SevenOffice supplier-invoice voucher, and the reasons it cannot be one: its own
 * (lines and VAT against the total, dates, currency) and 24SevenOffice's (supplier, accounts, VAT codes, project,
 * department, voucher type, fiscal year), each naming its fix.
 */
import type { ReceivedInvoice } from '../../connectors/costtracker/model';
import { invoiceProblems, preflightProblems, voucherEntries, type PostingCatalog, type PostingMapping } from '../../activities/supplierPosting/voucher';
import type { Minor } from '../../domain/money';
import { postingSettingsSchema } from '../../domain/matching/settings';

const m = (n: number) => n as Minor;
const SETTINGS = postingSettingsSchema.parse({});

const invoice = (over: Partial<ReceivedInvoice> = {}): ReceivedInvoice => ({
  id: 'ri-1', invoiceNumber: 'F-88120', supplier: '20002', date: '2026-11-02', dueDate: '2026-11-16', currency: 'NOK',
  total: m(2_500_00), paymentReference: '1234567890128', status: 'approved', updatedAt: '2026-11-02T08:00:00Z',
  lines: [
    { account: 6800, amount: m(1_480_00), vatCode: '1', vatAmount: m(370_00), project: '1', department: '1', description: 'Kontorrekvisita' },
    { account: 4300, amount: m(600_00), vatCode: '11', vatAmount: m(50_00), project: '2', department: '3' },
  ],
  ...over,
});

const CATALOG: PostingCatalog = {
  accounts: new Set([2400, 2710, 2711, 4300, 6800]),
  taxCodes: new Map([['0', { rate: 0 }], ['1', { rate: 25, accountNo: 2710 }], ['11', { rate: 15, accountNo: 2711 }]]),
  voucherTypes: new Map([[3, { entrySeriesId: 3 }]]),
  projectIds: new Set([1, 2]),
  departmentIds: new Set([1, 3]),
  openYears: new Set([2026]),
  companyIds: new Set([20002]),
};

const mapping = (over: Partial<PostingMapping> = {}): PostingMapping => ({
  supplierId: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
  account: (no) => no,
  taxNo: (code) => code,
  projectId: (code) => Number(code),
  departmentId: (code) => Number(code),
  ...over,
});

describe('the invoice itself', () => {
  test('lines and VAT that add up to the total, dates in order, the company currency: no problem', () => {
    expect(invoiceProblems(invoice(), 'NOK')).toEqual([]);
  });

  test('lines and VAT that do not add up to the total are named with both sums', () => {
    expect(invoiceProblems(invoice({ total: m(2_600_00) }), 'NOK')).toEqual([expect.stringMatching(/add up to NOK 2.?080\.00 \+ VAT NOK 420\.00 = NOK 2.?500\.00, not its total NOK 2.?600\.00/)]);
  });

  test('a due date before the invoice date, a date that is no date, another currency', () => {
    const problems = invoiceProblems(invoice({ date: '2026-02-30', dueDate: '2026-01-01', currency: 'EUR' }), 'NOK');
    expect(problems).toEqual([
      expect.stringContaining('invoice date "2026-02-30" is not a date'),
      expect.stringContaining('in EUR, not the company currency NOK'),
    ]);
    expect(invoiceProblems(invoice({ dueDate: '2026-11-01' }), 'NOK')).toEqual([expect.stringContaining('due date 2026-11-01 is before its invoice date 2026-11-02')]);
  });
});

describe('preflight against 24SevenOffice', () => {
  test('everything known: no problem', () => {
    expect(preflightProblems(invoice(), CATALOG, mapping(), SETTINGS, 'acme-as')).toEqual([]);
  });

  test('an unknown supplier, account, VAT code, project and department each name the mapping that fixes them', () => {
    const inv = invoice({ supplier: '777', lines: [{ account: 6540, amount: m(2_000_00), vatCode: '9', vatAmount: m(500_00), project: '12', department: '7' }] });
    const problems = preflightProblems(inv, CATALOG, mapping(), SETTINGS, 'acme-as');
    expect(problems).toEqual([
      expect.stringContaining('supplier 777 is not a company in 24SevenOffice; create the supplier there, or map it to the right company: ledgerbridge mappings set acme-as supplier 777=<supplier id> --source costtracker'),
      expect.stringContaining('account 6540 does not exist in 24SevenOffice; create it there or map it: ledgerbridge mappings set acme-as account 6540=<account> --source costtracker'),
      expect.stringContaining('VAT code 9 does not exist in 24SevenOffice; map it: ledgerbridge mappings set acme-as vat-code 9=<TaxNo> --source costtracker'),
      expect.stringContaining('project 12 does not exist in 24SevenOffice'),
      expect.stringContaining('department 7 does not exist in 24SevenOffice'),
    ]);
  });

  test('a mapped supplier and account pass', () => {
    const inv = invoice({ supplier: 'K-77', lines: [{ account: 6540, amount: m(2_000_00), vatCode: '1', vatAmount: m(500_00) }] });
    const mapped = mapping({ supplierId: (s) => (s === 'K-77' ? 20002 : undefined), account: (no) => (no === 6540 ? 6800 : no) });
    expect(preflightProblems(inv, CATALOG, mapped, SETTINGS, 'acme-as')).toEqual([]);
  });

  test('VAT without a VAT code, a closed year, a voucher type and supplier account 24SevenOffice lacks', () => {
    const inv = invoice({ date: '2025-12-30', lines: [{ account: 6800, amount: m(2_000_00), vatAmount: m(500_00) }] });
    const problems = preflightProblems(inv, CATALOG, mapping(), { ...SETTINGS, voucherType: 9, supplierAccount: 2410 }, 'acme-as');
    expect(problems).toEqual([
      expect.stringContaining('voucher type 9 (matching.post.voucherType) does not exist'),
      expect.stringContaining('the supplier account 2410 (matching.post.supplierAccount) does not exist'),
      expect.stringContaining('fiscal year 2025 is closed or missing'),
      expect.stringContaining('line 1 carries VAT NOK 500.00 but no VAT code'),
    ]);
  });
});

describe('the voucher', () => {
  test('the supplier credited the total with its KID and invoice number, costs debited net with project and department, VAT per VAT account', () => {
    const entries = voucherEntries(invoice(), CATALOG, mapping(), SETTINGS);
    expect(entries).toEqual([
      expect.objectContaining({ accountNo: 2400, amount: -2_500_00, customerId: 20002, dueDate: '2026-11-16', invoiceReferenceNo: 'F-88120', invoiceOcr: '1234567890128' }),
      expect.objectContaining({ accountNo: 6800, amount: 1_480_00, taxNo: '1', projectId: 1, departmentId: 1, comment: 'Kontorrekvisita' }),
      expect.objectContaining({ accountNo: 4300, amount: 600_00, taxNo: '11', projectId: 2, departmentId: 3 }),
      expect.objectContaining({ accountNo: 2710, amount: 370_00 }),
      expect.objectContaining({ accountNo: 2711, amount: 50_00 }),
    ]);
    expect(entries.reduce((sum, e) => sum + e.amount, 0)).toBe(0);
  });

  test('a credit note turns every sign', () => {
    const credit = invoice({ total: m(-1_850_00), lines: [{ account: 6800, amount: m(-1_480_00), vatCode: '1', vatAmount: m(-370_00) }] });
    expect(invoiceProblems(credit, 'NOK')).toEqual([]);
    expect(voucherEntries(credit, CATALOG, mapping(), SETTINGS).map((e) => [e.accountNo, e.amount])).toEqual([[2400, 1_850_00], [6800, -1_480_00], [2710, -370_00]]);
  });
});
