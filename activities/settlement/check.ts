/**
 * The "test integration" button of a DUELL connection (`ledgerbridge connections test <tenant> <duell connection>`):
 * DUELL accepts the customer number and token, and for every department the `duell` settings name: the department
 * exists in DUELL, its 24SevenOffice company answers and has its department, every account the department's
 * settlement maps exists there (sales accounts with a sales type), the voucher type exists, and GIFTCARD exists when
 * the department's invoice bases sell gift cards. The lists (DUELL's departments, the company's departments) are read
 * anew on every test, so testing again refreshes them. Every problem is an item with its fix; nothing is thrown for
 * what an operator can fix.
 */
import type { TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import type { Duell, DuellDepartment } from '../../connectors/duell';
import { isConnectorError } from '../../connectors/errors';
import type { CheckItem, CheckReport } from '../../connectors/types';
import { StoreError } from '../../db/errors';
import { createMappingRepo, createTenantRepo } from '../../db/repos';
import { mappedSettlementAccounts } from '../../domain/settlement/accounts';
import { GIFT_CARD_PRODUCT } from '../../domain/settlement/order';
import { missingSalesType, withoutSalesType } from '../../domain/settlement/salesTypes';
import { duellSettings, type DuellDepartmentSettings, type DuellSettings } from '../../domain/settlement/settings';
import type { ActivityDeps } from '../deps';
import { openCompany, ROUTE } from './context';

/** How far back the check looks for gift cards on invoice bases when the department has no from-date. */
const GIFT_CARD_LOOKBACK_DAYS = 90;

export async function checkSettlementIntegration(deps: ActivityDeps, tenant: string, duell: Duell): Promise<CheckReport> {
  const items: CheckItem[] = [];
  const report = (): CheckReport => ({ system: 'duell', ok: items.every((i) => i.ok), items });
  const own = await duell.check();
  items.push(...own.items);
  if (!own.ok && own.items.some((i) => i.name === 'login' && !i.ok)) return report();

  let settings: DuellSettings;
  try {
    settings = duellSettings((await createTenantRepo(deps.db).get(tenant)).settings, tenant);
  } catch (err) {
    items.push({ name: 'settings', ok: false, detail: (err as Error).message });
    return report();
  }
  const ids = Object.keys(settings.departments);
  if (ids.length === 0) {
    items.push({ name: 'settings', ok: false, detail: `The duell settings name no department, so nothing is settled; add each with its 24SevenOffice company and department, e.g. ledgerbridge tenants settings ${tenant} duell='{"departments":{"<DUELL department>":{"company":"<24SevenOffice connection>","department":<id>}}}'.` });
    return report();
  }

  const inDuell = await problemOr(() => duell.departments());
  const mappings = await createMappingRepo(deps.db).list(tenant, ROUTE);
  const companies = new Map<string, Promise<Company | string>>();
  for (const id of ids) {
    const department = settings.departments[id]!;
    const at = (what: string) => `${id}: ${what}`;
    if (typeof inDuell !== 'string') items.push(duellDepartmentItem(id, inDuell, at('DUELL department')));

    const key = department.company ?? '';
    if (!companies.has(key)) companies.set(key, problemOr(() => companyOf(deps, tenant, department)));
    const company = await companies.get(key)!;
    if (typeof company === 'string') {
      items.push({ name: at('company'), ok: false, detail: company });
      continue;
    }
    items.push({ name: at('company'), ok: true, detail: `Posts to ${company.name}.` });
    items.push(...departmentItems(tenant, id, department, company, mappings, at));
    if (department.invoices) items.push(await giftCardItem(duell, id, department, company, at('product GIFTCARD')));
  }
  return report();
}

/** What the check reads of one 24SevenOffice company, once for all the departments that post to it. */
interface Company {
  name: string;
  target: TwentyFourSevenOffice;
  accounts: Awaited<ReturnType<TwentyFourSevenOffice['accounts']>>;
  saleTypes: Awaited<ReturnType<TwentyFourSevenOffice['typeGroups']>>;
  voucherTypes: Awaited<ReturnType<TwentyFourSevenOffice['voucherTypes']>>;
  departments: Awaited<ReturnType<TwentyFourSevenOffice['departments']>>;
}

async function companyOf(deps: ActivityDeps, tenant: string, department: DuellDepartmentSettings): Promise<Company> {
  const { target } = await openCompany(deps, tenant, department);
  const identity = await target.currentIdentity();
  const [accounts, saleTypes, voucherTypes, departments] = await Promise.all([
    target.accounts(), target.typeGroups('Sale'), target.voucherTypes(), target.departments(),
  ]);
  const name = identity ? `${identity.companyName} (24SevenOffice connection ${department.company ?? 'the tenant\'s only one'})` : `24SevenOffice connection ${department.company ?? ''}`;
  return { name, target, accounts, saleTypes, voucherTypes, departments };
}

function duellDepartmentItem(id: string, departments: DuellDepartment[], name: string): CheckItem {
  const found = departments.find((d) => d.id === id);
  const list = departments.map((d) => `${d.id} ${d.name}${d.active ? '' : ' (inactive)'}`).join(', ') || 'none';
  if (!found) return { name, ok: false, detail: `DUELL has no department ${id}; DUELL's departments are ${list}. Correct the department id in the duell settings.` };
  if (!found.active) return { name, ok: false, detail: `DUELL's department ${id} ${found.name} is inactive, so it makes no Z-reports; activate it in DUELL Backoffice or remove it from the duell settings.` };
  return { name, ok: true, detail: `DUELL department ${id} ${found.name}.` };
}

function departmentItems(
  tenant: string, id: string, department: DuellDepartmentSettings, company: Company,
  mappings: readonly { kind: string; sourceKey: string; targetKey: string }[], at: (what: string) => string,
): CheckItem[] {
  const items: CheckItem[] = [];
  const known = company.departments.map((d) => `${d.id} ${d.name}`).join(', ') || 'none';
  const target = company.departments.find((d) => d.id === department.department);
  items.push(target
    ? { name: at('24SevenOffice department'), ok: true, detail: `Lines carry department ${target.id} ${target.name}.` }
    : { name: at('24SevenOffice department'), ok: false, detail: `${company.name} has no department ${department.department}; its departments are ${known}. Set "department" of ${id} in the duell settings (ledgerbridge tenants settings ${tenant} duell='{…}').` });

  const chart = new Map(company.accounts.map((a) => [a.accountNo, a]));
  const mapped = mappedSettlementAccounts(mappings.filter((m) => m.kind === 'settlement-account'), id);
  const accounts = mapped.map((m) => ({ what: `settlement-account ${m.source}`, account: m.account, sales: m.source.startsWith('sales:') }));
  if (department.inventoryChange) {
    accounts.push({ what: 'inventoryChangeAccount', account: department.inventoryChangeAccount, sales: false });
    accounts.push({ what: 'inventoryAccount', account: department.inventoryAccount, sales: false });
  }
  if (accounts.length === 0) {
    items.push({ name: at('accounts'), ok: false, detail: `No account is mapped for the settlement; map the payment types, sales and VAT, e.g. ledgerbridge mappings set ${tenant} settlement-account payment:cash=1900 sales:vat:3=3000 vat:3=2700 --source duell.` });
  }
  const unsold = new Set(withoutSalesType(accounts.filter((a) => a.sales && a.account !== undefined).map((a) => a.account!), company.accounts, company.saleTypes));
  for (const a of accounts) {
    const name = at(`account ${a.account ?? '?'} (${a.what})`);
    if (a.account === undefined) items.push({ name, ok: false, detail: `${a.what} is not mapped to an account number; map it again: ledgerbridge mappings set ${tenant} settlement-account ${a.what.replace('settlement-account ', '')}=<account> --source duell.` });
    else if (!chart.has(a.account)) items.push({ name, ok: false, detail: `Account ${a.account} does not exist in ${company.name}; create it there or change the mapping.` });
    else if (unsold.has(a.account)) items.push({ name, ok: false, detail: `${missingSalesType(tenant, a.account)}.` });
    else items.push({ name, ok: true, detail: `Account ${a.account} ${chart.get(a.account)!.name} exists${a.sales ? ' with a sales type' : ''}.` });
  }

  const typeNo = mappings.find((m) => m.kind === 'voucher-type' && m.sourceKey === 'cashSettlement')?.targetKey;
  const types = company.voucherTypes.map((t) => `${t.typeNo} ${t.title}`).join(', ') || 'none';
  const type = typeNo === undefined ? undefined : company.voucherTypes.find((t) => String(t.typeNo) === typeNo);
  items.push(typeNo === undefined
    ? { name: at('voucher type'), ok: false, detail: `No voucher type (bilagsart) is mapped for the settlement; map one of ${types}: ledgerbridge mappings set ${tenant} voucher-type cashSettlement=<TypeNo> --source duell.` }
    : type
      ? { name: at('voucher type'), ok: true, detail: `Voucher type ${type.typeNo} ${type.title} exists.` }
      : { name: at('voucher type'), ok: false, detail: `Voucher type ${typeNo} is mapped but does not exist in ${company.name}; its voucher types are ${types}. Create it there or map another.` });
  return items;
}

/** GIFTCARD is needed once a gift card is sold on an invoice: fail when a recent invoice basis has one and it is missing. */
async function giftCardItem(duell: Duell, id: string, department: DuellDepartmentSettings, company: Company, name: string): Promise<CheckItem> {
  const products = await problemOr(() => company.target.products({ no: GIFT_CARD_PRODUCT }));
  if (typeof products === 'string') return { name, ok: false, detail: `Not checked: ${products}` };
  if (products.some((p) => p.no === GIFT_CARD_PRODUCT)) return { name, ok: true, detail: `Product ${GIFT_CARD_PRODUCT} exists in ${company.name}, for gift cards sold on invoices.` };
  const since = department.fromDate ?? new Date(Date.now() - GIFT_CARD_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
  const sold = await problemOr(async () => {
    for await (const page of duell.invoiceBases({ departmentId: id, changedSince: `${since}T00:00:00Z` })) {
      const basis = page.find((b) => b.rows.some((r) => r.giftCard));
      if (basis) return basis.number;
    }
    return undefined;
  });
  if (typeof sold === 'string') return { name, ok: false, detail: `Not checked: ${sold}` };
  const create = `create a product numbered ${GIFT_CARD_PRODUCT} in ${company.name} (0 % VAT, booked to the gift-card liability account)`;
  return sold === undefined
    ? { name, ok: true, detail: `No invoice basis since ${since} sells a gift card, so ${GIFT_CARD_PRODUCT} is not needed yet; ${create} before one does.` }
    : { name, ok: false, detail: `Invoice basis ${sold} sells a gift card, and 24SevenOffice has no product ${GIFT_CARD_PRODUCT}; ${create}.` };
}

/** The value, or the sentence an operator reads when a system or the tenant's set-up refused it. */
async function problemOr<T>(read: () => Promise<T>): Promise<T | string> {
  try {
    return await read();
  } catch (err) {
    if (isConnectorError(err)) return err.message + (err.retryable ? ' This is temporary; test again later.' : '');
    if (err instanceof StoreError) return err.message;
    throw err;
  }
}
