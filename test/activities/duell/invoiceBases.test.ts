/**
 * DUELL invoice bases → 24SevenOffice orders: exactly once each, the customer created once and linked, and the
 * bases that cannot go yet failing alone with their fix in the export log, tried again once fixed.
 */
import { linkedEntity } from '../../../activities/settlement/syncSystems';
import { transferInvoiceBases } from '../../../activities/settlement/invoiceBases';
import type { NewInvoiceBasis } from '../../../sandbox/duell';
import { createCrossReferenceRepo, ROUTES } from '../../../db/repos';
import { aCustomer, useDuellSync } from './harness';

const h = useDuellSync();

const aBasis = (customerNumber: string, over: Partial<NewInvoiceBasis> = {}): NewInvoiceBasis => ({
  departmentId: 'OSL', date: '2026-12-01', customerNumber, reference: 'PO-77',
  rows: [{ description: 'Arbeidsbukse', quantity: 2, unitPrice: 499, vatCode: '3', discountPercent: 10 }],
  ...over,
});
const aGiftCardRow = { description: 'Gavekort', quantity: 1, unitPrice: 500, vatCode: '6', giftCard: true };

beforeEach(async () => {
  await h.settle({ invoices: true });
  h.duellSandbox.admin.upsertCustomers(h.chain, [aCustomer('K-1'), aCustomer('K-2')]);
});

test('an invoice basis becomes one order with its customer, rows and department; a second call sends nothing', async () => {
  const [basis] = h.duellSandbox.admin.addInvoiceBases(h.chain, [aBasis('K-1')]);
  const first = await transferInvoiceBases(h.deps, h.ref());
  expect(first).toMatchObject({ read: 1, sent: 1, failed: 0 });

  const companyId = Number(await createCrossReferenceRepo(h.deps.db).targetOf(h.tenant, ROUTES.duellTo24so, linkedEntity('customer', `${h.tenant}:24so`), 'K-1'));
  const tso = await h.tso();
  const orders = (await tso.invoices({ customerIds: [companyId] })).filter((o) => o.referenceNumber === `duell/OSL/invoice-basis/${basis!.id}`);
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({ departmentId: 2, yourReference: 'PO-77', rows: [expect.objectContaining({ quantity: 2, price: 499_00, discountRate: 10, vatRate: 25, name: 'Arbeidsbukse' })] });
  expect((await tso.companies({ ids: [companyId] }))[0]).toMatchObject({ name: 'Kunde K-1', externalId: 'K-1' });

  const second = await transferInvoiceBases(h.deps, h.ref());
  expect(second.sent).toBe(0);
  expect((await tso.invoices({ customerIds: [companyId] })).filter((o) => o.referenceNumber === `duell/OSL/invoice-basis/${basis!.id}`)).toHaveLength(1);
  expect((await h.log()).filter((l) => l.sourceId === `duell/OSL/invoice-basis/${basis!.id}`)).toEqual([
    expect.objectContaining({ outcome: 'ok', message: expect.stringContaining(`department OSL, invoice basis ${basis!.number}`) }),
  ]);
});

test('a gift card without the product GIFTCARD in 24SevenOffice fails that basis only, and goes once GIFTCARD exists', async () => {
  const [withGiftCard] = h.duellSandbox.admin.addInvoiceBases(h.chain, [
    aBasis('K-1', { rows: [aBasis('K-1').rows[0]!, aGiftCardRow] }),
    aBasis('K-2'),
  ]);
  const first = await transferInvoiceBases(h.deps, h.ref());
  expect(first).toMatchObject({ read: 2, sent: 1, failed: 1 });
  expect(first.problems[0]).toContain('a product GIFTCARD must be created in 24SevenOffice');
  const failed = (await h.log()).find((l) => l.sourceId === `duell/OSL/invoice-basis/${withGiftCard!.id}`);
  expect(failed).toMatchObject({ outcome: 'failed' });
  expect(failed!.message).toMatch(new RegExp(`tenant ${h.tenant}, department OSL, invoice basis ${withGiftCard!.number} .*GIFTCARD must be created in 24SevenOffice.*tried again on the next run once fixed`));

  const tso = await h.tso();
  await tso.saveProducts([{ no: 'GIFTCARD', name: 'Gavekort', categoryId: 2, price: 0, taxRate: 0 }]);
  const second = await transferInvoiceBases(h.deps, h.ref());
  expect(second).toMatchObject({ sent: 1, alreadyThere: 1, failed: 0 }); // the plain one is found confirmed, not sent again
  const giftCardId = (await tso.products({ no: 'GIFTCARD' }))[0]!.id;
  const companyId = Number(await createCrossReferenceRepo(h.deps.db).targetOf(h.tenant, ROUTES.duellTo24so, linkedEntity('customer', `${h.tenant}:24so`), 'K-1'));
  const order = (await tso.invoices({ customerIds: [companyId] })).find((o) => o.referenceNumber === `duell/OSL/invoice-basis/${withGiftCard!.id}`);
  expect(order!.rows[1]).toMatchObject({ productId: giftCardId, vatRate: 0, price: 500_00 });
});

test('a customer without a name fails its basis with the fix; the others go on', async () => {
  h.duellSandbox.admin.upsertCustomers(h.chain, [aCustomer('K-3', { name: '' })]);
  const [nameless] = h.duellSandbox.admin.addInvoiceBases(h.chain, [aBasis('K-3'), aBasis('K-2')]);
  const outcome = await transferInvoiceBases(h.deps, h.ref());
  expect(outcome).toMatchObject({ sent: 1, failed: 1 });
  expect((await h.log()).find((l) => l.sourceId === `duell/OSL/invoice-basis/${nameless!.id}`)!.message)
    .toContain('customer K-3 has no name in DUELL, and 24SevenOffice needs one to create it; give the customer a name in DUELL Backoffice');
  expect(await createCrossReferenceRepo(h.deps.db).targetOf(h.tenant, ROUTES.duellTo24so, linkedEntity('customer', `${h.tenant}:24so`), 'K-3')).toBeUndefined();
});

test('only bases changed since the last call are read; a department without invoices reads none', async () => {
  h.duellSandbox.admin.addInvoiceBases(h.chain, [aBasis('K-1'), aBasis('K-2')]);
  expect((await transferInvoiceBases(h.deps, h.ref())).sent).toBe(2);
  h.duellSandbox.admin.addInvoiceBases(h.chain, [aBasis('K-1', { reference: 'PO-78' })]);
  const next = await transferInvoiceBases(h.deps, h.ref());
  // DUELL answers "at or after" the cursor: the last one read before comes again and is found done.
  expect(next.sent).toBe(1);
  expect(next.read).toBeLessThanOrEqual(2);
  await h.settle({ invoices: false });
  h.duellSandbox.admin.addInvoiceBases(h.chain, [aBasis('K-1')]);
  expect(await transferInvoiceBases(h.deps, h.ref())).toMatchObject({ read: 0, sent: 0 });
});

test('a link to a customer 24SevenOffice no longer has fails that basis, is dropped, and the next call creates the customer and sends it', async () => {
  await createCrossReferenceRepo(h.deps.db).link(h.tenant, ROUTES.duellTo24so, linkedEntity('customer', `${h.tenant}:24so`), 'K-1', '99999');
  const [basis] = h.duellSandbox.admin.addInvoiceBases(h.chain, [aBasis('K-1')]);
  expect(await transferInvoiceBases(h.deps, h.ref())).toMatchObject({ sent: 0, failed: 1 });
  expect((await h.log())[0]!.message).toContain('stale cross-reference: customer K-1 was company 99999 in 24SevenOffice, which no longer has it');

  expect(await transferInvoiceBases(h.deps, h.ref())).toMatchObject({ sent: 1, failed: 0 });
  const companyId = Number(await createCrossReferenceRepo(h.deps.db).targetOf(h.tenant, ROUTES.duellTo24so, linkedEntity('customer', `${h.tenant}:24so`), 'K-1'));
  expect(companyId).not.toBe(99999);
  expect((await (await h.tso()).invoices({ customerIds: [companyId] })).some((o) => o.referenceNumber === `duell/OSL/invoice-basis/${basis!.id}`)).toBe(true);
});
