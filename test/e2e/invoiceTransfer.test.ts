/**
 * The invoice transfer end to end on the dev server, Severa and Talenom sandboxes on loopback: waiting invoices
 * reach Talenom as Finvoice documents that validate against the XSD, Severa's status moves to transferred, and a
 * second run sends nothing again.
 */
import { useInvoiceStage, TRANSFERRED } from './invoiceHarness';
import { createExportLogRepo } from '../../db/repos';
import { DEMO_TALENOM } from '../../sandbox/talenom';

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

    const again = await stage.run();
    expect(again.transferred).toEqual([]);
    expect(stage.received()).toHaveLength(waiting.length);
    const log = await createExportLogRepo(stage.db).list({ tenant: stage.tenant, flow: 'invoice-transfer', limit: 200 });
    expect(log.filter((l) => l.outcome === 'ok' && /transferred: Severa status set/.test(l.message))).toHaveLength(waiting.length);
  });
});
