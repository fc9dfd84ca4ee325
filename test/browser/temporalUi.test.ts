/**
 * The Temporal UI as an operator's console, in a real browser (chromium via playwright-core) against the dev
 * server's web UI: the list filters by NeedsAttention and by Tenant with the operator's columns; a batch waiting for
 * approval is approved through the signal dialog and goes on to posted; a settlement and an invoice transfer show
 * their summary, details, current details with the next command, and their input. Screenshots: test-artifacts/browser/.
 */
import { batchWorkflowId } from '../../client/batches';
import { invoiceWorkflowId } from '../../client/invoices';
import { settlementRunResult, settlementWorkflowId } from '../../client/settlements';
import { useBatchStage } from '../e2e/batchHarness';
import { useInvoiceStage } from '../e2e/invoiceHarness';
import { useSettlementStage } from '../e2e/settlementHarness';
import { useTemporalUi } from './temporalUi';

jest.setTimeout(180_000);

const ui = useTemporalUi();

describe('a batch waiting for approval', () => {
  const batch = useBatchStage({ connect: ui.connect });

  test("is approved through the UI's signal dialog and goes on to posted", async () => {
    await batch.configure({ postingMode: 'approval' });
    const batchId = await batch.closeBatch(5);
    await batch.exportBatch(batchId);
    await batch.waitForStage(batchId, 'awaiting-approval');
    const id = batchWorkflowId(batch.tenant, batchId);

    const page = await ui.open();
    await page.listShows(`Tenant = '${batch.tenant}'`, [id]);
    await page.openWorkflow(id);
    const waiting = await page.userMetadata('awaiting-approval');
    expect(waiting.summary).toMatch(/^Batch /);
    expect(waiting.details).toContain(`Telaris batch`);
    expect(waiting.details).toContain('mode: approval');
    expect(waiting.current).toContain(`ledgerbridge batch approve ${batch.tenant} ${batchId} --by`);
    await page.screenshot('batch-awaiting-approval');

    await page.signal('approve', { by: 'UI operator' });
    await batch.waitForStage(batchId, 'posted', 60_000);
    await page.waitForStatus('Completed');
    const posted = await page.userMetadata('posted');
    expect(posted.current).toContain('Approved by UI operator');
    await page.screenshot('batch-posted');
  });
});

describe("a settlement run, one of whose Z-reports needs attention", () => {
  const settlement = useSettlementStage({ connect: ui.connect });

  test('the list filters by NeedsAttention and by Tenant, with the Tenant, Flow, Stage and NeedsAttention columns', async () => {
    // Z 3 sells in an article group whose account the company lacks: it waits, Z 1 and Z 2 are posted.
    const run = await settlement.startRun();
    expect(await settlementRunResult(settlement.env.client, run)).toMatchObject({ posted: 2, needsAttention: 1 });
    const [z1, z2, z3] = [1, 2, 3].map((z) => settlementWorkflowId(settlement.tenant, 'OSL', z)) as [string, string, string];

    const page = await ui.open();
    const attention = await page.listShows('NeedsAttention = true', [z3]);
    expect(attention).not.toContain(z1);
    await page.addColumns(['Tenant', 'Flow', 'Stage', 'NeedsAttention'], ['Run ID', 'Type', 'End']); // room for them on one screen
    expect(await page.row(z3)).toMatchObject({ Tenant: settlement.tenant, Stage: 'needs-attention', NeedsAttention: 'true' });
    await page.screenshot('list-needs-attention');

    const tenants = await page.listShows(`Tenant = '${settlement.tenant}'`, [z1, z2, z3]);
    expect(tenants.every((id) => id.startsWith(`${settlement.tenant}/`))).toBe(true);
    expect(await page.row(z1)).toMatchObject({ Stage: 'posted', NeedsAttention: 'false' });
    await page.screenshot('list-tenant');

    await page.openWorkflow(z3);
    const waiting = await page.userMetadata('needs-attention');
    expect(waiting.current).toContain('account 3001 does not exist in 24SevenOffice');
    // As the operator must type it: no <part> lost as a tag, no --source turned into a dash.
    expect(waiting.current).toContain(`ledgerbridge mappings set ${settlement.tenant} settlement-account <part>=<account> --source duell`);
    expect(waiting.current).toContain(`ledgerbridge settlements retry ${settlement.tenant} OSL 3`);
    await page.screenshot('settlement-needs-attention');

    await page.openWorkflow(run);
    const done = await page.userMetadata('done-with-problems');
    expect(done.current).toContain(`ledgerbridge log ${settlement.tenant} --flow duell`);
    await page.screenshot('settlement-run');
  });

  test('a posted settlement shows its summary, details and input', async () => {
    await settlement.mapAccounts({ 'sales:group:30': '3000' });
    expect(await settlement.run()).toMatchObject({ posted: 3 });
    const id = settlementWorkflowId(settlement.tenant, 'OSL', 1);

    const page = await ui.open();
    await page.openWorkflow(id);
    const metadata = await page.userMetadata('posted');
    expect(metadata.summary).toContain('Z 1 of department OSL');
    expect(metadata.summary).toContain('DUELL → 24SevenOffice');
    expect(metadata.details).toContain('Daily settlement of Z 1');
    expect(metadata.details).toContain(`ledgerbridge settlements show ${settlement.tenant} OSL 1`);
    await page.screenshot('settlement-metadata');
    // Plaintext today; with the codec server the same JSON must come back decoded.
    expect(await page.input()).toMatchObject({ tenant: settlement.tenant, departmentId: 'OSL', zNumber: 1 });
    await page.screenshot('settlement-input');
  });
});

describe('an invoice transfer', () => {
  const invoices = useInvoiceStage({ connect: ui.connect });

  test('shows its summary, details and input', async () => {
    const [guid] = invoices.waitingGuids();
    expect((await invoices.run()).transferred.length).toBeGreaterThan(0);
    const id = invoiceWorkflowId(invoices.tenant, guid!);

    const page = await ui.open();
    await page.openWorkflow(id);
    const metadata = await page.userMetadata('transferred');
    expect(metadata.summary).toMatch(/^Invoice .+ → Talenom/);
    expect(metadata.details).toContain('Visma Severa → Talenom');
    expect(metadata.details).toContain(`Severa guid: ${guid}`);
    await page.screenshot('invoice-metadata');
    expect(await page.input()).toMatchObject({ tenant: invoices.tenant, invoiceGuid: guid });
    await page.screenshot('invoice-input');
  });
});
