/**
 * A Z-report's sales as credit lines: net of VAT, one line per sales account and VAT code.
 *
 * By article group where the group has an account (mapped, or from DUELL's chart of accounts), else by VAT rate.
 * Why: a shop that gives its groups accounts in DUELL wants goods, services and food followed up apart (that is what
 * DUELL's kontoplan is for), and a shop that does not still gets correct books from the rates alone; each group has
 * one VAT code, so a line by group still carries exactly one code and the VAT return is the same either way.
 *
 * The report's VAT lines are the truth for the totals (base and VAT per code, as the Z-report printed them). A group's
 * net is its amount less VAT at the code's rate; what the groups of a code do not take goes to the code's own sales
 * account. When every group of a code has an account, that rest is only the øre lost rounding each group's net (at
 * most ½ øre a group) and goes to the code's largest group, so a shop mapping all its groups needs no rate account.
 */
import { toMinor } from '../money';
import { artGroupAccount, type SettlementAccounts } from './accounts';
import type { ZReport, ZReportArtGroup, ZReportVat } from './zReport';

export interface SalesLine {
  account: number;
  /** Net of VAT, as the report gives it: positive for sales (credited), negative on a day of more returns. */
  net: number;
  vatCode: string;
  description: string;
}

export interface SalesAllocation {
  lines: SalesLine[];
  /** Sales of a VAT code (or the part no article group takes) without an account. */
  unmapped: Array<Pick<ZReportVat, 'code' | 'rate'> & { net: number }>;
}

export function allocateSales(z: Pick<ZReport, 'sales' | 'artGroups'>, accounts: SettlementAccounts): SalesAllocation {
  const lines = new Map<string, SalesLine & { groups: string[] }>();
  const unmapped: SalesAllocation['unmapped'] = [];
  const add = (account: number, net: number, vat: ZReportVat, group?: ZReportArtGroup) => {
    const key = `${account}/${vat.code}`;
    const line = lines.get(key) ?? { account, net: 0, vatCode: vat.code, description: `Salg ${percent(vat.rate)} %`, groups: [] };
    line.net += net;
    if (group) line.groups.push(group.name ?? `gruppe ${group.groupId}`);
    lines.set(key, line);
  };
  for (const vat of z.sales.vat) {
    const grouped = z.artGroups
      .filter((g) => g.vatCode === vat.code)
      .map((group) => ({ group, account: artGroupAccount(accounts, group), net: netOf(group.amount, vat.rate) }));
    const withAccount = grouped.filter((g): g is typeof g & { account: number } => g.account !== undefined);
    const rest = vat.base - withAccount.reduce((sum, g) => sum + g.net, 0);
    const rateAccount = accounts.mapped(`sales:vat:${vat.code}`);
    const onlyRounding = withAccount.length > 0 && withAccount.length === grouped.length && Math.abs(rest) <= withAccount.length;
    const restToGroup = rest !== 0 && onlyRounding;
    if (restToGroup) largest(withAccount).net += rest;
    for (const g of withAccount) add(g.account, g.net, vat, g.group);
    if (rest === 0 || restToGroup) continue;
    if (rateAccount === undefined) unmapped.push({ code: vat.code, rate: vat.rate, net: rest });
    else add(rateAccount, rest, vat);
  }
  return {
    lines: [...lines.values()].filter((l) => l.net !== 0).map(({ groups, ...line }) => ({
      ...line, description: groups.length === 0 ? line.description : `${line.description} – ${groups.join(', ')}`,
    })),
    unmapped,
  };
}

/** A group's amount less VAT at the rate, to the nearest øre (half away from zero, like a receipt). */
function netOf(amount: number, rate: string): number {
  const net = Math.round((Math.abs(amount) * 10_000) / (10_000 + toMinor(rate)));
  return amount < 0 ? -net : net;
}

function largest<T extends { group: ZReportArtGroup }>(groups: T[]): T {
  return groups.reduce((a, b) => (Math.abs(b.group.amount) > Math.abs(a.group.amount) ? b : a));
}

/** A SAF-T rate as people read it: "25.00" → "25", "12.50" → "12.5". */
export function percent(rate: string): string {
  return String(Number(rate));
}
