/**
 * Customers and goods of one DUELL department's company, kept alike in DUELL and 24SevenOffice as the department's
 * settings say (`customers`/`customerMaster`, `goods`/`goodsMaster`, `stock`): incremental by changed-since cursors on
 * both sides (activities/settlement/masterSync.ts), the cursors stored only once the call's writes are done. Stock
 * quantities go from DUELL to 24SevenOffice whichever side is master of the goods: the till counts them, and
 * DUELL's API does not take stock.
 */
import type { Company, Product as TsoProduct } from '../../connectors/24sevenoffice';
import { isConnectorError } from '../../connectors/errors';
import type { CustomerUpsert, ProductUpsert } from '../../connectors/duell';
import { createCrossReferenceRepo, createExportLogRepo, createMappingRepo, createSyncCursorRepo } from '../../db/repos';
import type { Customer } from '../../domain/settlement/customer';
import type { Product } from '../../domain/settlement/product';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { syncMaster, type MasterSync, type MasterSyncOutcome, type Side, type SyncCursors } from './masterSync';
import { companyOf, customerOf, duellProductOf, tsoProductOf } from './records';
import { allPages, FLOW, linkedEntity, openSyncSystems, ROUTE, type DepartmentRef, type SyncSystems } from './syncSystems';

export interface GoodsOutcome extends MasterSyncOutcome {
  /** Products whose stock quantity was set in 24SevenOffice. */
  stock: number;
}

/** 24SevenOffice's changed-after read needs an instant: the first sync reads everything since this one. */
const EVER = '2000-01-01T00:00:00.000Z';
const NONE: MasterSyncOutcome = { read: 0, written: 0, overwritten: 0, failed: 0, problems: [] };

export async function syncCustomers(deps: ActivityDeps, ref: DepartmentRef): Promise<MasterSyncOutcome> {
  return withFailures(async () => {
    const systems = await openSyncSystems(deps, ref);
    if (!systems.settings.customers) return NONE;
    const duellSide: Side<Customer> = {
      system: 'duell', changedAt: (c) => c.changedAt, key: (c) => c.number, label: (c) => `${c.number} (${c.name || 'no name'})`,
      changed: (since) => allPages(systems.duell.customers({ changedSince: since })),
    };
    const tsoSide: Side<Company> = {
      system: '24sevenoffice', changedAt: (c) => c.changedAt ?? EVER, key: (c) => String(c.id), label: (c) => `${c.externalId ?? c.id} (${c.name})`,
      changed: async (since) => (await systems.tso.companies({ changedAfter: since ?? EVER })).filter((c) => c.type !== 'Supplier' && c.id !== undefined),
    };
    const fromDuell: MasterSync<Customer, Company, Company> = {
      entity: 'customer', master: duellSide, other: tsoSide,
      masterByKeys: async (keys) => new Map((await allPages(systems.duell.customers())).filter((c) => keys.includes(c.number)).map((c) => [c.number, c])),
      toOther: (c, id) => (c.name.trim() ? companyOf(c, id === undefined ? undefined : Number(id)) : `it has no name in DUELL, and 24SevenOffice needs one; give it a name in DUELL Backoffice`),
      write: async (company) => {
        const [r] = await systems.tso.saveCompanies([company]);
        return r?.ok && r.item.id !== undefined ? { ok: true, key: String(r.item.id), created: r.created } : { ok: false, error: r && !r.ok ? r.error : 'no company id in the answer' };
      },
    };
    const from24so: MasterSync<Company, Customer, CustomerUpsert> = {
      entity: 'customer', master: tsoSide, other: duellSide,
      masterByKeys: async (keys) => new Map((await systems.tso.companies({ ids: keys.map(Number) })).map((c) => [String(c.id), c])),
      toOther: (c, number) => customerOf(c, number ?? c.externalId ?? String(c.id)),
      write: (customer) => writeInDuell(() => systems.duell.upsertCustomer(customer), customer.number),
    };
    return systems.settings.customerMaster === 'duell' ? synced(deps, ref, systems, 'customers', fromDuell) : synced(deps, ref, systems, 'customers', from24so);
  });
}

export async function syncGoods(deps: ActivityDeps, ref: DepartmentRef): Promise<GoodsOutcome> {
  return withFailures(async () => {
    const systems = await openSyncSystems(deps, ref);
    if (!systems.settings.goods) return { ...NONE, stock: 0 };
    const categories = await createMappingRepo(deps.db).list(ref.tenant, ROUTE, 'product-category');
    const categoryOf = (groupId: string) => {
      const mapped = categories.find((m) => m.sourceKey === groupId)?.targetKey ?? groupId;
      return /^\d+$/.test(mapped) ? Number(mapped) : undefined;
    };
    const groupOf = (categoryId: number | undefined) => categories.find((m) => m.targetKey === String(categoryId))?.sourceKey ?? String(categoryId);
    const duellSide: Side<Product> = {
      system: 'duell', changedAt: (p) => p.changedAt, key: (p) => p.number, label: (p) => `${p.number} (${p.name})`,
      changed: (since) => allPages(systems.duell.products({ changedSince: since })),
      refused: usedTwice,
    };
    const tsoSide: Side<TsoProduct> = {
      system: '24sevenoffice', changedAt: (p) => p.changedAt ?? EVER, key: (p) => String(p.id), label: (p) => `${p.no ?? p.id} (${p.name})`,
      changed: async (since) => (await systems.tso.products({ changedAfter: since ?? EVER })).filter((p) => p.id !== undefined),
    };
    const fromDuell: MasterSync<Product, TsoProduct, TsoProduct> = {
      entity: 'product', master: duellSide, other: tsoSide,
      masterByKeys: async (keys) => new Map((await allPages(systems.duell.products())).filter((p) => keys.includes(p.number)).map((p) => [p.number, p])),
      toOther: (p, id) => {
        const categoryId = categoryOf(p.groupId);
        if (categoryId === undefined && id === undefined) {
          return `its product group ${p.groupId} has no 24SevenOffice category; map it: ledgerbridge mappings set ${ref.tenant} product-category ${p.groupId}=<category id> --source duell`;
        }
        return tsoProductOf(p, categoryId, id === undefined ? undefined : Number(id));
      },
      write: async (product) => {
        // A product 24SevenOffice has under the number already is taken over, not made twice.
        const id = product.id ?? (await systems.tso.products({ no: product.no! }))[0]?.id;
        const [r] = await systems.tso.saveProducts([{ ...product, id }]);
        if (r?.ok && r.item.id !== undefined) return { ok: true, key: String(r.item.id), created: r.created };
        const error = r && !r.ok ? r.error : 'no product id in the answer';
        // An unmapped group is sent as its own id, which 24SevenOffice may not have as a category: say how to map it.
        const group = /Category (\d+) does not exist/i.test(error) ? groupOf(product.categoryId) : undefined;
        return { ok: false, error: group === undefined ? error : `${error}; map DUELL's product group ${group} to a 24SevenOffice category: ledgerbridge mappings set ${ref.tenant} product-category ${group}=<category id> --source duell` };
      },
    };
    const from24so: MasterSync<TsoProduct, Product, ProductUpsert> = {
      entity: 'product', master: tsoSide, other: duellSide,
      masterByKeys: async (keys) => new Map((await systems.tso.products({ ids: keys.map(Number) })).map((p) => [String(p.id), p])),
      toOther: (p, number) => duellProductOf(p, number ?? p.no ?? String(p.id), groupOf(p.categoryId))
        ?? `its VAT rate ${p.taxRate} % is no output VAT rate DUELL knows; correct the product in 24SevenOffice`,
      write: (product) => writeInDuell(() => systems.duell.upsertProduct(product), product.number),
    };
    const duellMaster = systems.settings.goodsMaster === 'duell';
    let stock = 0;
    const stockOf = async (products: Product[]) => {
      if (systems.settings.stock) stock = await setStock(deps, ref, systems, products);
    };
    const outcome = duellMaster
      ? await synced(deps, ref, systems, 'products', fromDuell, (changed) => stockOf(changed.master))
      : await synced(deps, ref, systems, 'products', from24so, (changed) => stockOf(changed.other));
    return { ...outcome, stock };
  });
}

/** Runs one entity's sync from the stored cursors, then `afterWrites` (the stock), and only then stores the cursors. */
async function synced<M, O, W>(deps: ActivityDeps, ref: DepartmentRef, systems: SyncSystems, entities: 'customers' | 'products', sync: MasterSync<M, O, W>,
  afterWrites?: (changed: { master: M[]; other: O[] }) => Promise<void>): Promise<MasterSyncOutcome> {
  const cursors = createSyncCursorRepo(deps.db);
  // Per company: two DUELL departments of one company share the records, another company keeps its own.
  const stream = `${entities}@${systems.company}`;
  const since: SyncCursors = {
    master: await cursors.get(ref.tenant, sync.master.system, stream),
    other: await cursors.get(ref.tenant, sync.other.system, stream),
  };
  const done = await syncMaster(deps, ref, systems.company, sync, since);
  await afterWrites?.({ master: done.masterChanged, other: done.otherChanged });
  if (done.cursors.master) await cursors.set(ref.tenant, sync.master.system, stream, done.cursors.master);
  if (done.cursors.other) await cursors.set(ref.tenant, sync.other.system, stream, done.cursors.other);
  return done.outcome;
}

/** Products whose number DUELL has twice (goods and a service): which one 24SevenOffice's product is cannot be told. */
function usedTwice(products: Product[]): Map<Product, string> {
  const byNumber = new Map<string, Product[]>();
  for (const p of products) byNumber.set(p.number, [...(byNumber.get(p.number) ?? []), p]);
  const refused = new Map<Product, string>();
  for (const [number, same] of byNumber) {
    if (same.length < 2) continue;
    for (const p of same) refused.set(p, `product number ${number} is used twice in DUELL (${same.map((x) => `"${x.name}"`).join(' and ')}); give one of them another number in DUELL Backoffice`);
  }
  return refused;
}

/** DUELL's stock of the products read into their linked 24SevenOffice products; one refused is logged and the rest go on. */
async function setStock(deps: ActivityDeps, ref: DepartmentRef, { tso, company }: SyncSystems, products: Product[]): Promise<number> {
  const refused = usedTwice(products);
  const counted = products.filter((p) => p.stockQuantity !== undefined && !refused.has(p));
  const ids = new Map((await createCrossReferenceRepo(deps.db).list(ref.tenant, ROUTE, linkedEntity('product', company), counted.map((p) => p.number))).map((x) => [x.sourceId, Number(x.targetId)]));
  const log = createExportLogRepo(deps.db);
  let set = 0;
  for (const p of counted) {
    const id = ids.get(p.number);
    if (id === undefined) continue; // not in 24SevenOffice (yet): its stock goes with it
    try {
      await tso.setStockQuantity(id, p.stockQuantity!);
      set++;
    } catch (err) {
      if (!isConnectorError(err, 'Rejected')) throw err;
      await log.record({ tenant: ref.tenant, flow: FLOW, entityType: 'stock', sourceId: p.number, targetId: String(id), outcome: 'failed', workflowId: ref.workflowId,
        message: `tenant ${ref.tenant}, department ${ref.department}: stock ${p.stockQuantity} of product ${p.number}: ${err.message}` });
    }
  }
  return set;
}

/** An upsert into DUELL: a refusal (a field DUELL will not take) is that record's failure, anything else the call's. */
async function writeInDuell(upsert: () => Promise<{ number: string }>, number: string): Promise<{ ok: true; key: string; created: boolean } | { ok: false; error: string }> {
  try {
    await upsert();
    return { ok: true, key: number, created: false };
  } catch (err) {
    if (isConnectorError(err, 'ValidationFailed')) return { ok: false, error: err.message };
    throw err;
  }
}
