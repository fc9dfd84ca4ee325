/**
 * `ledgerbridge workflows list|count` over every flow: a tenant with a batch that needs attention and a finished
 * connection check, another tenant with a check of its own; filters by tenant, flow, stage, status and
 * needs-attention find exactly those rows, a waiting batch names its next command, counts group by flow, status,
 * stage and tenant, and wrong flows, tenants and options are refused with the fix.
 */
import { colourWanted } from '../../client/cli/colour';
import { renderTable } from '../../client/cli/output';
import { visibilityQuery } from '../../client/workflowSearch';
import { useCliStage } from './cliStage';
import { ANSI, aBatchThatNeedsAttention, aFinishedConnectionCheck, eventually, type WaitingBatch } from './waitingWorkflows';

jest.setTimeout(180_000);

const stage = useCliStage();

interface ListedWorkflow {
  workflowId: string; tenant: string; flow: string; businessKey: string; stage: string; needsAttention: boolean; status: string; startTime: string; next?: string;
}

async function listed(...filter: string[]): Promise<ListedWorkflow[]> {
  const result = await stage.cli(['workflows', 'list', ...filter, '--json']);
  if (result.code !== 0) throw new Error(`workflows list ${filter.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const ids = (rows: ListedWorkflow[]) => rows.map((r) => r.workflowId).sort();

let acme: string;
let other: string;
let batch: WaitingBatch;
let check: string;
let otherCheck: string;

beforeAll(async () => {
  [acme, other] = await Promise.all([stage.aTenant({ voucherTypes: {} }), stage.aTenant()]);
  batch = await aBatchThatNeedsAttention(stage, acme);
  [check, otherCheck] = await Promise.all([aFinishedConnectionCheck(stage, acme), aFinishedConnectionCheck(stage, other)]);
  // Both of acme's workflows listed with their latest attributes: the batch waiting, the check done.
  await eventually(() => listed('--tenant', acme), (rows) => rows.length === 2 && rows.some((r) => r.needsAttention) && rows.some((r) => r.status === 'completed'), `${acme}'s two workflows`);
});

test('filters by tenant, flow, needs-attention, stage and status find exactly the matching workflows', async () => {
  const all = await listed('--tenant', acme);
  expect(ids(all)).toEqual([batch.workflowId, check].sort());
  expect(all.find((r) => r.workflowId === batch.workflowId)).toEqual({
    workflowId: batch.workflowId, tenant: acme, flow: 'batch', businessKey: batch.batchId, stage: 'needs-attention', needsAttention: true,
    status: 'running', startTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), closeTime: undefined,
    next: `fix what is listed, then: ledgerbridge batch retry ${acme} ${batch.batchId}   (or: ledgerbridge batch cancel ${acme} ${batch.batchId})`,
  });
  expect(all.find((r) => r.workflowId === check)).toEqual(expect.objectContaining({
    tenant: acme, flow: 'connection-check', businessKey: `${acme}:24so`, stage: 'ok', needsAttention: false, status: 'completed',
  }));
  expect(all.find((r) => r.workflowId === check)!.next).toBeUndefined();

  expect(ids(await listed('--tenant', acme, '--flow', 'connection-check'))).toEqual([check]);
  expect(ids(await listed('--tenant', acme, '--needs-attention'))).toEqual([batch.workflowId]);
  expect(ids(await listed('--tenant', acme, '--stage', 'needs-attention'))).toEqual([batch.workflowId]);
  expect(ids(await listed('--tenant', acme, '--stage', 'ok'))).toEqual([check]);
  expect(ids(await listed('--tenant', acme, '--status', 'completed'))).toEqual([check]);
  expect(ids(await listed('--tenant', acme, '--status', 'failed'))).toEqual([]);
  expect(ids(await listed('--tenant', other))).toEqual([otherCheck]);
  // Across tenants: both checks (other test files' tenants may add theirs).
  expect(ids(await listed('--flow', 'connection-check', '--limit', '1000'))).toEqual(expect.arrayContaining([check, otherCheck]));
  // A quote in a value is a value, not query syntax.
  expect(await listed('--tenant', acme, '--stage', "it's")).toEqual([]);
});

test('the table shows each workflow with its next command, and no colour when piped or with NO_COLOR', async () => {
  for (const env of [{}, { NO_COLOR: '1' }]) {
    const table = await stage.cli(['workflows', 'list', '--tenant', acme], '', env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^WORKFLOW\s+TENANT\s+FLOW\s+KEY\s+STAGE\s+ATTENTION\s+STATUS\s+STARTED\s+NEXT$/m);
    expect(table.stdout).toMatch(new RegExp(`^${batch.workflowId}\\s+${acme}\\s+batch\\s+${batch.batchId}\\s+needs-attention\\s+needs-attention\\s+running\\s+\\S+\\s+` +
      `fix what is listed, then: ledgerbridge batch retry ${acme} ${batch.batchId}`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^${check}\\s+${acme}\\s+connection-check\\s+${acme}:24so\\s+ok\\s+-\\s+completed\\s+\\S+\\s+-$`, 'm'));
    expect(table.stdout).not.toMatch(ANSI);
  }
});

test('on a terminal the table is in colour, unless NO_COLOR or a dumb terminal', () => {
  expect(colourWanted({ isTTY: true }, {})).toBe(true);
  expect(colourWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
  expect(colourWanted({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  expect(colourWanted({ isTTY: false }, {})).toBe(false);
  const coloured = renderTable([{ flow: 'batch', stage: 'needs-attention', status: 'running' }], undefined, true);
  expect(coloured).toBe('\x1b[1mFLOW\x1b[0m   \x1b[1mSTAGE\x1b[0m            \x1b[1mSTATUS\x1b[0m\nbatch  \x1b[31mneeds-attention\x1b[0m  running');
});

test('count totals the matching workflows and groups them by flow, status, stage and tenant', async () => {
  const count = async (...args: string[]) => {
    const result = await stage.cli(['workflows', 'count', ...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout);
  };
  expect(await count('--tenant', acme)).toEqual({ total: 2 });
  expect(await count('--tenant', acme, '--group-by', 'flow')).toEqual({ total: 2, groupBy: 'flow', groups: [{ value: 'batch', count: 1 }, { value: 'connection-check', count: 1 }] });
  expect(await count('--tenant', acme, '--group-by', 'status')).toEqual({
    total: 2, groupBy: 'status', groups: expect.arrayContaining([{ value: 'running', count: 1 }, { value: 'completed', count: 1 }]),
  });
  expect(await count('--tenant', acme, '--group-by', 'stage')).toEqual({ total: 2, groupBy: 'stage', groups: [{ value: 'needs-attention', count: 1 }, { value: 'ok', count: 1 }] });
  const perTenant = await count('--flow', 'connection-check', '--group-by', 'tenant');
  expect(perTenant.groups).toEqual(expect.arrayContaining([{ value: acme, count: 1 }, { value: other, count: 1 }]));
  expect(await count('--tenant', acme, '--needs-attention')).toEqual({ total: 1 });

  const table = await stage.cli(['workflows', 'count', '--tenant', acme, '--group-by', 'flow']);
  expect(table.stdout).toMatch(/^FLOW\s+COUNT\nbatch\s+1\nconnection-check\s+1\ntotal: 2$/m);
  expect(table.stdout).not.toMatch(ANSI);
});

test('an unknown flow is refused with the flows and the nearest one; an unknown tenant is not found; bad options are usage errors', async () => {
  const flow = await stage.cli(['workflows', 'list', '--flow', 'batches']);
  expect(flow.code).toBe(2);
  expect(flow.stderr).toContain('unknown flow "batches": the flows are batch, duell, invoice-transfer, product-register, sales-ledger, matching, matching-desk, supplier-posting, connection-check (did you mean batch?)');
  const countFlow = await stage.cli(['workflows', 'count', '--flow', 'invoice-transfers', '--json']);
  expect(countFlow.code).toBe(2);
  expect(JSON.parse(countFlow.stdout)).toEqual({ error: expect.stringContaining('(did you mean invoice-transfer?)'), exitCode: 2 });

  const tenant = await stage.cli(['workflows', 'list', '--tenant', 'nobody-here']);
  expect(tenant.code).toBe(4);
  expect(tenant.stderr).toContain('tenant nobody-here does not exist: see the tenants with: ledgerbridge tenants list');
  const status = await stage.cli(['workflows', 'list', '--status', 'stuck']);
  expect(status.code).toBe(2);
  expect(status.stderr).toContain('--status stuck: use one of running, completed, failed, cancelled, terminated, continued-as-new, timed-out');
  const groupBy = await stage.cli(['workflows', 'count', '--group-by', 'colour']);
  expect(groupBy.code).toBe(2);
  expect(groupBy.stderr).toContain('--group-by colour: use one of flow, stage, tenant, status');
});

test('the visibility query quotes and escapes every value', () => {
  expect(visibilityQuery({})).toBe('Flow IS NOT NULL');
  expect(visibilityQuery({ tenant: "o'hara", flow: 'batch', stage: 'a\\b', needsAttention: true, status: 'cancelled' }))
    .toBe("Tenant = 'o\\'hara' AND Flow = 'batch' AND Stage = 'a\\\\b' AND NeedsAttention = true AND ExecutionStatus = 'Canceled'");
});
