/**
 * Customers and goods kept alike in DUELL and 24SevenOffice, the master's way: incremental on both sides, an edit
 * on the side that is not master overwritten and logged, a product number DUELL has twice refused, stock from DUELL.
 */
import { linkedEntity } from '../../../activities/settlement/syncSystems';
import { syncCustomers, syncGoods } from '../../../activities/settlement/masterData';
import { createCrossReferenceRepo, ROUTES } from '../../../db/repos';
import { aCustomer, useDuellSync } from './harness';

const h = useDuellSync();

/** A product of group 10 (25 %): DUELL's price includes VAT. */
const aProduct = (number: string, over: Record<string, unknown> = {}) => ({ number, name: `Vare ${number}`, groupId: '10', price: 125, costPrice: 40, vatCode: '3', stockQuantity: 7, ...over });
/** The 24SevenOffice id DUELL's number is linked to in the harness's one company. */
const linked = (entity: 'customer' | 'product', number: string) => createCrossReferenceRepo(h.deps.db).targetOf(h.tenant, ROUTES.duellTo24so, linkedEntity(entity, `${h.tenant}:24so`), number);
const duellCustomers = async () => { const out = []; for await (const page of (await h.duell()).customers()) out.push(...page); return out; };
const duellProducts = async () => { const out = []; for await (const page of (await h.duell()).products()) out.push(...page); return out; };

describe('customers', () => {
  test('DUELL master: its customers are created in 24SevenOffice once, and a second call writes only what changed since', async () => {
    await h.settle({ customers: true, customerMaster: 'duell' });
    h.duellSandbox.admin.upsertCustomers(h.chain, [aCustomer('K-1'), aCustomer('K-2'), aCustomer('K-3')]);
    expect(await syncCustomers(h.deps, h.ref())).toMatchObject({ written: 3, failed: 0 });
    const tso = await h.tso();
    const id = Number(await linked('customer', 'K-1'));
    expect((await tso.companies({ ids: [id] }))[0]).toMatchObject({ externalId: 'K-1', name: 'Kunde K-1', organizationNumber: '912345601', type: 'Business' });

    expect(await syncCustomers(h.deps, h.ref())).toMatchObject({ written: 0, overwritten: 0 });
    h.duellSandbox.admin.upsertCustomers(h.chain, [aCustomer('K-2', { name: 'Kunde To AS' })]);
    expect(await syncCustomers(h.deps, h.ref())).toMatchObject({ written: 1 });
    expect((await tso.companies({ ids: [Number(await linked('customer', 'K-2'))] }))[0]!.name).toBe('Kunde To AS');
  });

  test('DUELL master: a customer edited in 24SevenOffice is overwritten with DUELL\'s and the export log says so', async () => {
    await h.settle({ customers: true });
    h.duellSandbox.admin.upsertCustomers(h.chain, [aCustomer('K-1')]);
    await syncCustomers(h.deps, h.ref());
    const tso = await h.tso();
    const id = Number(await linked('customer', 'K-1'));
    await tso.saveCompanies([{ id, externalId: 'K-1', name: 'Endret i 24SevenOffice' }]);

    expect(await syncCustomers(h.deps, h.ref())).toMatchObject({ overwritten: 1, written: 0 });
    expect((await tso.companies({ ids: [id] }))[0]!.name).toBe('Kunde K-1');
    expect((await h.log()).find((l) => l.outcome === 'warning')!.message)
      .toBe(`tenant ${h.tenant}, department OSL: customer K-1 (Kunde K-1) was edited in 24SevenOffice, where DUELL is master: overwritten with DUELL's record`);
  });

  test('24SevenOffice master: its companies go to DUELL, and a customer edited in DUELL is overwritten', async () => {
    await h.settle({ customers: true, customerMaster: '24sevenoffice' });
    const tso = await h.tso();
    const [saved] = await tso.saveCompanies([{ externalId: 'S-9', name: 'Kunde fra 24SevenOffice', organizationNumber: '987654321', type: 'Business' }]);
    await syncCustomers(h.deps, h.ref());
    expect((await duellCustomers()).find((c) => c.number === 'S-9')).toMatchObject({ name: 'Kunde fra 24SevenOffice', orgNo: '987654321' });
    expect(await linked('customer', 'S-9')).toBe(String(saved!.ok && saved!.item.id));

    h.duellSandbox.admin.upsertCustomers(h.chain, [{ number: 'S-9', name: 'Endret i DUELL', orgNo: '987654321' }]);
    expect(await syncCustomers(h.deps, h.ref())).toMatchObject({ overwritten: 1 });
    expect((await duellCustomers()).find((c) => c.number === 'S-9')!.name).toBe('Kunde fra 24SevenOffice');
    expect((await h.log()).filter((l) => l.outcome === 'warning').map((l) => l.message)).toEqual([expect.stringContaining('was edited in DUELL, where 24SevenOffice is master')]);
  });

  test('a link to a company 24SevenOffice no longer has is dropped, the customer created again, and the export log says so', async () => {
    await h.settle({ customers: true });
    await createCrossReferenceRepo(h.deps.db).link(h.tenant, ROUTES.duellTo24so, linkedEntity('customer', `${h.tenant}:24so`), 'K-1', '99999');
    h.duellSandbox.admin.upsertCustomers(h.chain, [aCustomer('K-1')]);
    expect(await syncCustomers(h.deps, h.ref())).toMatchObject({ written: 1, failed: 0 });
    expect(await linked('customer', 'K-1')).not.toBe('99999');
    expect((await h.log())[0]).toMatchObject({ outcome: 'skipped', message: expect.stringContaining('stale cross-reference: customer K-1 (Kunde K-1) was 99999 in 24SevenOffice, which no longer has it; matched or created again') });
  });

  test('a department with customers off syncs none', async () => {
    await h.settle({ customers: false });
    h.duellSandbox.admin.upsertCustomers(h.chain, [aCustomer('K-1')]);
    expect(await syncCustomers(h.deps, h.ref())).toMatchObject({ read: 0, written: 0 });
  });
});

describe('goods', () => {
  test('DUELL master: products go to 24SevenOffice with the price excluding VAT and the mapped category; stock only with stock on', async () => {
    await h.settle({ goods: true, goodsMaster: 'duell', stock: false });
    h.duellSandbox.admin.upsertProducts(h.chain, [aProduct('P-1'), aProduct('P-2', { groupId: '20', vatCode: '31', price: 115, stockQuantity: 3 })]);
    expect(await syncGoods(h.deps, h.ref())).toMatchObject({ written: 2, stock: 0 });
    const tso = await h.tso();
    const p1 = (await tso.products({ ids: [Number(await linked('product', 'P-1'))] }))[0]!;
    expect(p1).toMatchObject({ no: 'P-1', price: 100_00, inPrice: 40_00, taxRate: 25, categoryId: 1 });
    expect(p1.stock).not.toBe(7);

    await h.settle({ goods: true, goodsMaster: 'duell', stock: true });
    h.duellSandbox.admin.upsertProducts(h.chain, [aProduct('P-1', { stockQuantity: 9 })]);
    expect(await syncGoods(h.deps, h.ref())).toMatchObject({ written: 1, overwritten: 0, stock: 1 }); // only P-1 changed in DUELL; its own writes read back are no edits
    expect((await tso.products({ ids: [p1.id!] }))[0]!.stock).toBe(9);
  });

  test('24SevenOffice master: its products go to DUELL with the price including VAT and the group mapped back', async () => {
    await h.settle({ goods: true, goodsMaster: '24sevenoffice' });
    const tso = await h.tso();
    await tso.saveProducts([{ no: 'T-1', name: 'Termos', categoryId: 1, price: 240_00, inPrice: 100_00, taxRate: 25 }]);
    await syncGoods(h.deps, h.ref());
    expect((await duellProducts()).find((p) => p.number === 'T-1')).toMatchObject({ name: 'Termos', groupId: '10', price: 300_00, costPrice: 100_00, vatCode: '3' });

    h.duellSandbox.admin.upsertProducts(h.chain, [{ number: 'T-1', name: 'Termos (endret i DUELL)', groupId: '10', price: 300, costPrice: 100, vatCode: '3' }]);
    expect(await syncGoods(h.deps, h.ref())).toMatchObject({ overwritten: 1 });
    expect((await duellProducts()).find((p) => p.number === 'T-1')!.name).toBe('Termos');
    expect(await syncGoods(h.deps, h.ref())).toMatchObject({ written: 0, overwritten: 0 });
  });

  test('a product number DUELL has twice is refused for that product with the fix; the others go on', async () => {
    await h.settle({ goods: true });
    h.duellSandbox.admin.upsertProducts(h.chain, [aProduct('P-7'), { ...aProduct('P-7', { name: 'Montering', groupId: '20', vatCode: '31' }), stockQuantity: undefined, service: true }, aProduct('P-8')]);
    const outcome = await syncGoods(h.deps, h.ref());
    expect(outcome).toMatchObject({ written: 1, failed: 2 });
    expect(outcome.problems[0]).toContain('product number P-7 is used twice in DUELL ("Vare P-7" and "Montering"); give one of them another number in DUELL Backoffice');
    expect(await linked('product', 'P-7')).toBeUndefined();
    expect(await linked('product', 'P-8')).toBeDefined();
  });
});
