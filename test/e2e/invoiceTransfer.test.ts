/**
 * The invoice transfer end to end on the dev server, Severa and Talenom sandboxes on loopback: waiting invoices
 * reach Talenom as Finvoice documents that validate against the XSD, Severa's status moves to transferred, and a
 * second run sends nothing again.
 */
import { useInvoiceStage, TRANSFERRED } from './invoiceHarness';
import { createExportLogRepo } from '../../db/repos';
import { DEMO_TALENOM } from '../../sandbox/talenom';
import { DEMO_SEVERA } from '../../sandbox/severa';
import { decryptedHistoryText, historyText } from '../harness/historyText';
import { invoiceWorkflowId } from '../../client/invoices';

jest.setTimeout(120_000);

describe('invoice transfer, Severa → Talenom', () => {
  const stage = useInvoiceStage();

  test('every waiting invoice is transferred once, with its customer, and marked transferred in Severa', async () => {
    const waiting = stage.waitingGuids();
    expect(waiting.length).toBeGreaterThanOrEqual(3);

    const summary = await stage.run();
    expect(summary.transferred).toHaveLength(waiting.length);
    expect(summary.needsAttention).toEqual([]);

    const received = stage.received();
    expect(received.map((r) => r.documentId).sort()).toEqual([...waiting].sort());
    for (const guid of waiting) {
      expect((stage.severaInvoice(guid).status as { name: string }).name).toBe(TRANSFERRED);
      const row = await stage.row(guid);
      expect(row).toMatchObject({ stage: 'transferred' });
      expect(row!.talenomId).toBeTruthy();
    }
    const contacts = stage.talenom.admin.contacts(DEMO_TALENOM.organizationNumber);
    expect(contacts.length).toBeGreaterThanOrEqual(2);

    // No secret of either system in the run's or an invoice's history, search attributes included.
    const runs = await stage.env.client.workflow.list({ query: `Tenant = "${stage.tenant}"` });
    const texts: string[] = [];
    for await (const run of runs) texts.push(await decryptedHistoryText(await stage.env.client.workflow.getHandle(run.workflowId, run.runId).fetchHistory()), historyText(run.searchAttributes));
    texts.push(await decryptedHistoryText(await stage.env.client.workflow.getHandle(invoiceWorkflowId(stage.tenant, waiting[0]!)).fetchHistory()));
    const all = texts.join('\n');
    expect(all).toContain(waiting[0]!);
    for (const secret of [DEMO_SEVERA.clientSecret, DEMO_TALENOM.clientSecret, DEMO_TALENOM.subscriptionKey]) expect(all).not.toContain(secret);

    const again = await stage.run();
    expect(again.transferred).toEqual([]);
    expect(stage.received()).toHaveLength(waiting.length);
    const log = await createExportLogRepo(stage.db).list({ tenant: stage.tenant, flow: 'invoice-transfer', limit: 200 });
    expect(log.filter((l) => l.outcome === 'ok' && /transferred: Severa status set/.test(l.message))).toHaveLength(waiting.length);
  });
});
