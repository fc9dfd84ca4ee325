/**
 * CompanyService (§7): customers and suppliers. Omit Id to create, set it to update; errors per item in
 * APIException, never a fault; the returned item carries the Id [INFERRED]. `returnProperties` decides which
 * properties come back (forgotten → empty objects); APIException "is not a specifiable return property".
 */
import type { Row } from '../state';
import { idOf, pick, requireCaller, timeMs, type OpHandler } from './context';

export function apiException(message: string): Row {
  return { Type: 'Exception', Message: message }; // [INFERRED] Type text
}

/** Length and format rules of the Company datatype (§7). */
function companyProblems(c: Row, creating: boolean): string[] {
  const problems: string[] = [];
  const max = (field: string, n: number) => typeof c[field] === 'string' && (c[field] as string).length > n && problems.push(`${field} can not be longer than ${n} characters`);
  if (creating && (typeof c.Name !== 'string' || c.Name.trim() === '')) problems.push('Name is required');
  max('Name', 200);
  max('OrganizationNumber', 20);
  max('FirstName', 50);
  for (const field of ['Country', 'InvoiceLanguage']) if (typeof c[field] === 'string' && !/^[A-Za-z]{2}$/.test(c[field] as string)) problems.push(`${field} must be a two-letter code`);
  if (c.BankAccountType !== undefined && !['iban', 'bban', 'postgiro', 'bankgiro'].includes(String(c.BankAccountType))) problems.push('BankAccountType must be iban, bban, postgiro or bankgiro');
  return problems;
}

export const companyOps: Record<string, OpHandler> = {
  GetCompanies(ctx, args) {
    const { books } = requireCaller(ctx);
    const p = (args.searchParams ?? {}) as Row;
    const changedAfter = timeMs(p.ChangedAfter as string | undefined);
    const ids = (p.CompanyIds as number[] | undefined) ?? [];
    const has = (v: unknown, needle: unknown) => typeof needle === 'string' && JSON.stringify(v ?? '').toLowerCase().includes(needle.toLowerCase());
    const rows = books.companies.filter(
      (c) =>
        (p.ExternalId === undefined || c.ExternalId === p.ExternalId) &&
        (idOf(p.CompanyId) === undefined || c.Id === p.CompanyId) &&
        (ids.length === 0 || ids.includes(c.Id as number)) &&
        (p.CompanyName === undefined || has(c.Name, p.CompanyName)) &&
        (changedAfter === undefined || timeMs(c.DateChanged as string)! > changedAfter) &&
        (p.CompanyEmail === undefined || has(c.EmailAddresses, p.CompanyEmail)) &&
        (p.CompanyPhone === undefined || has(c.PhoneNumbers, p.CompanyPhone)) &&
        (p.OrganizationNumber === undefined || c.OrganizationNumber === p.OrganizationNumber),
    );
    const props = ((args.returnProperties as string[] | undefined) ?? []).filter((n) => n !== 'APIException');
    return rows.map((c) => pick(c, props));
  },

  SaveCompanies(ctx, args) {
    const { books } = requireCaller(ctx);
    const at = ctx.now.toISOString();
    return ((args.companies as Array<Row | null>) ?? []).map((input) => {
      if (!input) return null;
      const { APIException: _ignored, ...c } = input;
      const id = idOf(c.Id);
      const existing = id !== undefined ? books.companies.find((x) => x.Id === id) : undefined;
      const creating = existing === undefined && (id === undefined || c.ExplicitlySpecifyNewCompanyId === true);
      if (id !== undefined && !existing && !creating) return { ...c, APIException: apiException(`Company with Id ${id} does not exist`) };
      if (creating && id !== undefined && books.companies.some((x) => x.Id === id)) return { ...c, APIException: apiException(`Company with Id ${id} already exists`) };
      const problems = companyProblems(c, creating);
      if (problems.length > 0) return { ...c, APIException: apiException(problems.join('; ')) };
      if (existing) {
        Object.assign(existing, c, { Id: existing.Id, DateChanged: at });
        return { ...existing };
      }
      const created: Row = { Type: 'None', CurrencyId: 'LOCAL', Country: 'NO', BlockInvoice: false, ...c, Id: id ?? books.next.company++, DateCreated: at, DateChanged: at };
      delete created.ExplicitlySpecifyNewCompanyId;
      books.companies.push(created);
      return { ...created };
    });
  },
};
