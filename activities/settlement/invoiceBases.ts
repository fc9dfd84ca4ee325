/**
 * Invoice bases (fakturagrunnlag) of one DUELL department → 24SevenOffice orders, exactly once each (key
 * `duell/<department>/invoice-basis/<id>`, written on the order as ReferenceNumber, so after a lost answer the
 * customer's orders are looked up before anything goes out again). The customer comes from the cross-reference
 * duell → 24sevenoffice `customer`, or is created in 24SevenOffice from DUELL's record. A basis that cannot go yet
 * (a gift card without the product GIFTCARD, a customer without a name, a refusal) fails alone with an export-log
 * line naming its fix; the others go on, and the cursor stays at the first failed one, so the next call takes it
 * again once fixed (those after it that went out are found confirmed and not sent twice).
 */
import type { InvoiceOrder, TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import { createCrossReferenceRepo, createExportLogRepo, createSyncCursorRepo } from '../../db/repos';
import type { Customer } from '../../domain/settlement/customer';
import type { InvoiceBasis } from '../../domain/settlement/invoiceBasis';
import { GIFT_CARD_PRODUCT, invoiceBasisKey, orderOf, orderProblems } from '../../domain/settlement/order';
import type { ActivityDeps } from '../deps';
import { exactlyOnce, isEdgeRefusal, type Answer, type Found } from '../exactlyOnce';
import { withFailures } from '../failures';
import { companyOf, productIdsByNumber } from './records';
import { allPages, FLOW, linkedEntity, openSyncSystems, ROUTE, type DepartmentRef } from './syncSystems';

export interface InvoiceBasesOutcome {
  read: number;
  sent: number;
  /** Went out on an earlier call: not sent again. */
  alreadyThere: number;
  failed: number;
  /** The first few failures, one sentence each, for the workflow's details. */
  problems: string[];
}

const SHOWN = 5;
/** A refusal naming a company 24SevenOffice no longer has: the cross-reference is stale. */
const STALE_CUSTOMER = /customer \d+ does not exist/i;

const invoiceBasesStream = (department: string) => `invoice-bases/${department}`;

export async function transferInvoiceBases(deps: ActivityDeps, ref: DepartmentRef): Promise<InvoiceBasesOutcome> {
  return withFailures(async () => {
    const outcome: InvoiceBasesOutcome = { read: 0, sent: 0, alreadyThere: 0, failed: 0, problems: [] };
    const { settings, duell, tso, company } = await openSyncSystems(deps, ref);
    const customers = linkedEntity('customer', company);
    if (!settings.invoices) return outcome;
    const cursors = createSyncCursorRepo(deps.db);
    const stream = invoiceBasesStream(ref.department);
    const since = await cursors.get(ref.tenant, 'duell', stream);
    const bases = (await allPages(duell.invoiceBases({ changedSince: since, departmentId: ref.department })))
      .filter((b) => settings.fromDate === undefined || b.date >= settings.fromDate)
      .sort((a, b) => a.changedAt.localeCompare(b.changedAt));
    outcome.read = bases.length;
    if (bases.length === 0) return outcome;

    const xrefs = createCrossReferenceRepo(deps.db);
    const log = createExportLogRepo(deps.db);
    const customerIds = new Map((await xrefs.list(ref.tenant, ROUTE, customers, [...new Set(bases.map((b) => b.customerNumber))])).map((x) => [x.sourceId, Number(x.targetId)]));
    // DUELL is read for customers only when one must be created in 24SevenOffice.
    const duellCustomers = bases.some((b) => !customerIds.has(b.customerNumber))
      ? new Map((await allPages(duell.customers())).map((c) => [c.number, c]))
      : new Map<string, Customer>();
    const products = await productIdsByNumber(tso, bases.flatMap((b) => b.rows.map((r) => (r.giftCard ? GIFT_CARD_PRODUCT : r.productNumber)).filter((no): no is string => no !== undefined)));

    let holdAt: string | undefined;
    const fail = async (basis: InvoiceBasis, why: string, retried = true) => {
      const message = `tenant ${ref.tenant}, department ${ref.department}, invoice basis ${basis.number} (${basis.id}): ${why}` +
        (retried ? '; it is tried again on the next run once fixed' : '');
      await log.record({ tenant: ref.tenant, flow: FLOW, entityType: 'invoice-basis', sourceId: invoiceBasisKey(basis), outcome: 'failed', message, workflowId: ref.workflowId });
      outcome.failed++;
      if (outcome.problems.length < SHOWN) outcome.problems.push(message);
      if (retried) holdAt ??= basis.changedAt;
    };

    for (const basis of bases) {
      const linked = customerIds.get(basis.customerNumber);
      const problems = orderProblems(basis, linked !== undefined ? 'linked' : duellCustomers.get(basis.customerNumber), (no) => products.has(no));
      if (problems.length > 0) {
        await fail(basis, problems.join('; '));
        continue;
      }
      const customerId = linked ?? await createCustomer(deps, ref, tso, customers, duellCustomers.get(basis.customerNumber)!);
      if (typeof customerId === 'string') {
        await fail(basis, customerId);
        continue;
      }
      customerIds.set(basis.customerNumber, customerId);
      const order = orderFor(basis, customerId, settings.department, products);
      const key = order.referenceNumber!;
      try {
        const sent = await exactlyOnce(deps.db, {
          tenant: ref.tenant,
          system: '24sevenoffice',
          documents: [{ key, request: order }],
          lookUp: async () => new Map([[key, await lookUp(tso, order)]]),
          send: async () => answerOf(await tso.saveInvoices([order]), key),
          onConfirmed: async (tx, [c]) => {
            await createExportLogRepo(tx).record({
              tenant: ref.tenant, flow: FLOW, entityType: 'invoice-basis', sourceId: key, targetId: c!.externalId, outcome: 'ok', workflowId: ref.workflowId,
              message: `tenant ${ref.tenant}, department ${ref.department}, invoice basis ${basis.number} (${basis.id}) of customer ${basis.customerNumber}: ` +
                (c!.how === 'sent' ? `order ${c!.externalId} in 24SevenOffice` : `found as order ${c!.externalId} in 24SevenOffice after an uncertain send; not sent again`),
            });
          },
        });
        outcome.sent += sent.sent.length;
        outcome.alreadyThere += sent.alreadyThere.length;
      } catch (err) {
        if (!isEdgeRefusal(err)) throw err;
        if (err.kind === 'refused' && STALE_CUSTOMER.test(err.reason)) {
          await xrefs.unlink(ref.tenant, ROUTE, customers, basis.customerNumber);
          customerIds.delete(basis.customerNumber);
          await fail(basis, `stale cross-reference: customer ${basis.customerNumber} was company ${customerId} in 24SevenOffice, which no longer has it; ` +
            'the link is dropped and the customer matched or created again');
        } else if (err.kind === 'conflict') {
          await fail(basis, `it changed in DUELL after it went to 24SevenOffice; a second transfer would not update the order there. Make the same change on the order in 24SevenOffice (ReferenceNumber ${key})`, false);
        } else if (err.kind === 'unknown') {
          await fail(basis, `the answer to its send was lost and 24SevenOffice cannot tell whether it holds it; look for an order with ReferenceNumber ${key}`);
        } else {
          await fail(basis, `24SevenOffice refused it: ${err.reason}; correct it in DUELL or 24SevenOffice`);
        }
      }
    }
    // The cursor moves only after the bases are written, and never past one that is to be tried again.
    await cursors.set(ref.tenant, 'duell', stream, holdAt ?? bases[bases.length - 1]!.changedAt);
    return outcome;
  });
}

function orderFor(basis: InvoiceBasis, customerId: number, departmentId: number, products: Map<string, number>): InvoiceOrder {
  const { rows, ...order } = orderOf(basis);
  return {
    ...order,
    customerId,
    departmentId,
    rows: rows.map((r) => ({ ...r, productId: r.productNo === undefined ? undefined : products.get(r.productNo), departmentId })),
  };
}

/** The company id, or why it could not be created. */
async function createCustomer(deps: ActivityDeps, ref: DepartmentRef, tso: TwentyFourSevenOffice, links: string, customer: Customer): Promise<number | string> {
  const [result] = await tso.saveCompanies([companyOf(customer)]);
  const log = createExportLogRepo(deps.db);
  if (!result?.ok || result.item.id === undefined) {
    return `24SevenOffice refused its customer ${customer.number} (${customer.name}): ${result && !result.ok ? result.error : 'no company id in the answer'}; correct the customer in DUELL`;
  }
  await createCrossReferenceRepo(deps.db).link(ref.tenant, ROUTE, links, customer.number, String(result.item.id), 'engine');
  await log.record({
    tenant: ref.tenant, flow: FLOW, entityType: 'customer', sourceId: customer.number, targetId: String(result.item.id), outcome: 'ok', workflowId: ref.workflowId,
    message: `tenant ${ref.tenant}, department ${ref.department}: customer ${customer.number} (${customer.name}) ${result.created ? 'created' : 'matched'} as company ${result.item.id} in 24SevenOffice for its invoice basis`,
  });
  return result.item.id;
}

/** The customer's orders in 24SevenOffice, by our ReferenceNumber: there with the same rows, there with others, or absent. */
async function lookUp(tso: TwentyFourSevenOffice, order: InvoiceOrder): Promise<Found> {
  const held = (await tso.invoices({ customerIds: [order.customerId] })).find((o) => o.referenceNumber === order.referenceNumber);
  if (!held) return 'absent';
  const rowsOf = (o: InvoiceOrder) => JSON.stringify(o.rows.map((r) => [r.productId ?? null, r.quantity, Number(r.price)]));
  return rowsOf(held) === rowsOf(order) ? 'there' : 'different';
}

function answerOf(results: Awaited<ReturnType<TwentyFourSevenOffice['saveInvoices']>>, key: string): Answer {
  const [r] = results;
  if (!r) return { kind: 'refused', reason: 'SaveInvoices returned no item for this order' };
  if (!r.ok) return { kind: 'refused', reason: r.error };
  return { kind: 'applied', externalIds: new Map([[key, String(r.item.orderId)]]) };
}
