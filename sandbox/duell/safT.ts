/**
 * A shop's own SAF-T Cash Register file (NO v1.00, `urn:StandardAuditFile-Taxation-CashRegister:NO`) read as Z-reports
 * of one department, so the sandbox can hold real days: every `eventReport` of `reportType` "Z report".
 *
 * The file is refused before parsing when it declares a DOCTYPE or entities (sandbox/shared/xmlGuard.ts). Mapping
 * (connectors/duell/README.md, "SAF-T import"):
 * - number = reportID, date/time = reportDate/reportTime, register = registerID, signed by the ZREP event's employee;
 * - gross = reportTotalCashSales; VAT lines from reportCashSalesVat, the file's vatCode turned into its
 *   standardVatCode through company/vatCodeDetails (a code the file does not define is refused), `D` amounts
 *   negative, lines without base or VAT left out; net = Σ base;
 * - art groups from reportArtGroups, named by the basics of type 04, their VAT code that of the group's lines among
 *   the register's cash transactions (a group sold at two codes is refused; a group without lines takes the
 *   report's only VAT code with sales, else it is refused);
 * - payments by DUELL means (./safTPayments.ts), merged when two SAF-T types are one means;
 * - rounding = Σ payments − gross − tips (the report has no total of it; the cash transactions' roundingAmnt add up
 *   to the same); tips from reportTip's tipAmnt when present;
 * - the drawer: opening float = reportOpeningChangeFloat; the report has no count, so counted = expected and no
 *   bank withdrawal.
 */
import { XMLParser } from 'fast-xml-parser';
import { toMinor } from '../../domain/money';
import type { PaymentType, ZReport, ZReportPayment } from '../../domain/settlement/zReport';
import { assertSafeXml } from '../shared/xmlGuard';
import { duellPaymentType } from './safTPayments';

export class SafTError extends Error {
  override readonly name = 'SafTError';
}

const REPEATED = new Set([
  'vatCodeDetail', 'employee', 'basic', 'location', 'cashregister', 'event', 'cashtransaction', 'ctLine', 'vat',
  'reportArtGroup', 'reportPayment', 'reportCashSaleVat',
]);

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, processEntities: false, isArray: (name) => REPEATED.has(name) });

type Node = Record<string, any>;

/** Every Z report of the file, as reports of `departmentId`, in the file's order. */
export function zReportsFromSafT(xml: string, departmentId: string): { reports: ZReport[]; locationName?: string } {
  assertSafeXml(xml);
  let doc: Node;
  try {
    doc = parser.parse(xml);
  } catch (err) {
    throw new SafTError(`the file is not well-formed XML: ${(err as Error).message}`);
  }
  const audit = doc.auditfile as Node | undefined;
  if (!audit?.company) throw new SafTError('the file is not a SAF-T Cash Register audit file (no auditfile/company)');
  const company = audit.company as Node;
  const currency = text(audit.header?.curCode) || 'NOK';
  const standardCodes = new Map<string, string>(list(company.vatCodeDetails?.vatCodeDetail).map((d) => [text(d.vatCode), text(d.standardVatCode)]));
  const basics = list(company.basics?.basic);
  const groupNames = new Map(basics.filter((b) => text(b.basicType) === '04').map((b) => [text(b.basicID), text(b.basicDesc)]));
  const paymentCodes = new Map(basics.filter((b) => text(b.basicType) === '12').map((b) => [text(b.basicID), text(b.predefinedBasicID)]));
  const employees = new Map(list(company.employees?.employee).map((e) => [text(e.empID), `${text(e.firstName)} ${text(e.surName)}`.trim()]));

  const reports: ZReport[] = [];
  const locations = list(company.location);
  for (const location of locations) {
    for (const register of list(location.cashregister)) {
      const groupCodes = groupVatCodes(register, standardCodes);
      for (const event of list(register.event)) {
        const report = event.eventReport as Node | undefined;
        if (!report || text(report.reportType) !== 'Z report') continue;
        const signer = text(event.empID);
        reports.push(zReport(report, {
          departmentId, currency, standardCodes, groupNames, paymentCodes, groupCodes, signedBy: employees.get(signer) || signer || 'unknown',
        }));
      }
    }
  }
  if (reports.length === 0) throw new SafTError('the file holds no eventReport of reportType "Z report"');
  return { reports, locationName: text(locations[0]?.name) || undefined };
}

interface Context {
  departmentId: string;
  currency: string;
  signedBy: string;
  standardCodes: Map<string, string>;
  groupNames: Map<string, string>;
  paymentCodes: Map<string, string>;
  groupCodes: Map<string, Set<string>>;
}

function zReport(r: Node, c: Context): ZReport {
  const id = text(r.reportID);
  const where = `Z report ${id}`;
  if (!/^\d+$/.test(id) || Number(id) < 1) throw new SafTError(`${where}: reportID must be a positive whole number, the Z number`);
  const vat = list(r.reportCashSalesVat?.reportCashSaleVat).map((v) => {
    const sign = text(v.vatAmntTp) === 'D' ? -1 : 1;
    return { code: standardCode(c, text(v.vatCode), where), rate: Number(text(v.vatPerc)).toFixed(2), base: sign * amount(v.cashSaleAmnt, where), vat: sign * amount(v.vatAmnt, where) };
  }).filter((v) => v.base !== 0 || v.vat !== 0);
  const soldCodes = [...new Set(vat.map((v) => v.code))];
  const artGroups = list(r.reportArtGroups?.reportArtGroup).map((g) => {
    const groupId = text(g.artGroupID);
    return {
      groupId, name: c.groupNames.get(groupId), accountNo: text(g.accID) || undefined, vatCode: groupVatCode(c, groupId, soldCodes, where),
      count: Number(text(g.artGroupNum)), amount: amount(g.artGroupAmnt, where),
    };
  });
  const gross = amount(r.reportTotalCashSales?.totalCashSaleAmnt, where);
  const tips = r.reportTip ? amount(r.reportTip.tipAmnt ?? '0', where) : 0;
  const payments = mergePayments(list(r.reportPayments?.reportPayment).map((p) => ({
    type: paymentType(c, text(p.paymentType), where), count: Number(text(p.paymentNum)), amount: amount(p.paymentAmnt, where),
  })));
  const paid = payments.reduce((a, p) => a + p.amount, 0);
  const cashPaid = payments.filter((p) => p.type === 'cash').reduce((a, p) => a + p.amount, 0);
  const openingFloat = r.reportOpeningChangeFloat === undefined ? 0 : amount(r.reportOpeningChangeFloat, where);
  const expected = openingFloat + cashPaid;
  return {
    departmentId: c.departmentId, number: Number(id), date: text(r.reportDate), time: text(r.reportTime) || undefined,
    registerId: text(r.registerID) || undefined, signedBy: c.signedBy, currency: c.currency,
    sales: { gross, net: vat.reduce((a, v) => a + v.base, 0), vat },
    artGroups, payments,
    cash: { openingFloat, expected, counted: expected, bankWithdrawal: 0, difference: 0 },
    rounding: paid - gross - tips, tips,
    returns: counted(r.reportReturnNum, r.reportReturnAmnt, where),
    discounts: counted(r.reportDiscountNum, r.reportDiscountAmnt, where),
    voids: counted(r.reportVoidTransNum, r.reportVoidTransAmnt, where),
    receipts: Number(text(r.reportReceiptNum) || '0'),
  };
}

/** The standard VAT codes each art group's lines were sold at, among the register's cash transactions. */
function groupVatCodes(register: Node, standardCodes: Map<string, string>): Map<string, Set<string>> {
  const codes = new Map<string, Set<string>>();
  for (const t of list(register.cashtransaction)) {
    for (const line of list(t.ctLine)) {
      const group = text(line.artGroupID);
      for (const v of list(line.vat)) {
        const code = standardCodes.get(text(v.vatCode));
        if (group && code) codes.set(group, (codes.get(group) ?? new Set()).add(code));
      }
    }
  }
  return codes;
}

function groupVatCode(c: Context, groupId: string, soldCodes: string[], where: string): string {
  const codes = [...(c.groupCodes.get(groupId) ?? [])];
  if (codes.length === 1) return codes[0]!;
  if (codes.length > 1) throw new SafTError(`${where}: art group ${groupId} is sold at VAT codes ${codes.join(' and ')}; a DUELL product group has one rate`);
  if (soldCodes.length === 1) return soldCodes[0]!;
  throw new SafTError(`${where}: art group ${groupId} has no lines among the cash transactions, and the report has sales at several VAT codes; its rate is unknown`);
}

function standardCode(c: Context, vatCode: string, where: string): string {
  const code = c.standardCodes.get(vatCode);
  if (!code) throw new SafTError(`${where}: VAT code ${vatCode} is not in the company's vatCodeDetails, so its standard code is unknown`);
  return code;
}

function paymentType(c: Context, safTType: string, where: string): PaymentType {
  const type = duellPaymentType(safTType, c.paymentCodes);
  if (!type) throw new SafTError(`${where}: payment type ${safTType} has no DUELL means (connectors/duell/README.md lists the mapping)`);
  return type;
}

function mergePayments(payments: ZReportPayment[]): ZReportPayment[] {
  const byType = new Map<PaymentType, ZReportPayment>();
  for (const p of payments) {
    const seen = byType.get(p.type);
    byType.set(p.type, seen ? { ...seen, count: seen.count + p.count, amount: seen.amount + p.amount } : p);
  }
  return [...byType.values()];
}

function counted(num: unknown, amnt: unknown, where: string): { count: number; amount: number } {
  return { count: Number(text(num) || '0'), amount: amnt === undefined ? 0 : amount(amnt, where) };
}

function amount(value: unknown, where: string): number {
  try {
    return toMinor(text(value));
  } catch (err) {
    throw new SafTError(`${where}: ${(err as Error).message}`);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value as Node];
}
