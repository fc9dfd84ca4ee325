/**
 * An operator works purchase-order matching from the `ledgerbridge` CLI: a refresh followed to its counts, the list
 * with its filters and links, one transaction's story (every rule's verdict), a manual match and its refusal, an
 * unmatch, and the usage errors. The binary runs against a real worker, the 24SevenOffice and CostTracker sandboxes.
 */
import { SECRETS, useCliStage } from './cliStage';

jest.setTimeout(180_000);

const stage = useCliStage();
const cli = (...args: string[]) => stage.cli(args);

afterAll(() => {
  for (const output of stage.outputs) for (const secret of SECRETS) expect(output.stdout + output.stderr).not.toContain(secret);
});

test('refresh --wait, list (filters, links), show (verdicts), match, a refused match, unmatch, usage errors', async () => {
  const tenant = await stage.aMatchingTenant({ filter: { startDate: '2026-10-01' }, criteria: ['po-field', 'po-description', 'supplier-project', 'amount-percent:10'] });
  const earlier = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const [a, d] = stage.tso.admin.addSupplierInvoices(1001, [
    { date: '2026-11-02', supplierId: 20001, invoiceNo: 'CLI-A', registeredAt: earlier, lines: [{ account: 4300, amount: '12500.00', poField: '2026-0001' }] },
    { date: '2026-11-05', supplierId: 20004, invoiceNo: 'CLI-D', registeredAt: earlier, lines: [{ account: 4300, amount: '4500.00', comment: 'Kaffe' }] },
  ]);
  const lineOf = (voucher: number) => String(stage.tso.admin.transactions(1001).find((l) => l.TransactionNo === voucher && l.AccountNo !== 2400)!.Id);
  const [lineA, lineD] = [lineOf(a!), lineOf(d!)];

  const refresh = await cli('matching', 'refresh', tenant, '--wait');
  expect(refresh.code).toBe(0);
  expect(refresh.stdout).toMatch(/auto-matched: 1, ambiguous: 1, unmatched: 0/);
  expect(refresh.stderr).toMatch(/matching run of tenant .* started/);

  const list = await cli('matching', 'list', tenant);
  expect(list.code).toBe(0);
  expect(list.stdout).toContain(lineA);
  expect(list.stdout).toMatch(/2026-0001.*po-field.*https:\/\/app\.costtracker\.no\/purchase-orders\/2026-0001/);
  const ambiguous = JSON.parse((await cli('matching', 'list', tenant, '--ambiguous', '--json')).stdout) as Array<Record<string, unknown>>;
  expect(ambiguous.map((r) => r.transaction)).toEqual([lineD]);
  expect(ambiguous[0]).toMatchObject({ outcome: 'ambiguous', candidates: ['2026-0009', '2026-0010'], invoiceUrl: expect.stringContaining(`transactionNo=${d}`) });

  // A guid's first characters do when they name one line; the full id is what the rest of the output shows.
  const show = await cli('matching', 'show', tenant, lineD.slice(0, 13));
  expect(show.code).toBe(0);
  expect(show.stdout).toMatch(/amount-percent:10\s+several\s+2026-0009, 2026-0010/);
  expect(show.stdout).toContain(`ledgerbridge matching match ${tenant} ${lineD} <po>`);
  expect((await cli('matching', 'show', tenant, 'no-such-line')).code).toBe(4);
  expect((await cli('matching', 'show', tenant, '')).code).not.toBe(0);

  const match = await cli('matching', 'match', tenant, lineD, '2026-0010', '--by', 'kari');
  expect(match.code).toBe(0);
  expect(match.stdout).toContain(`transaction ${lineD} matched to PO 2026-0010 by kari; CostTracker has it`);
  const refused = await cli('matching', 'match', tenant, lineA, '2026-0004', '--by', 'kari');
  expect(refused.code).toBe(5);
  expect(refused.stderr).toMatch(new RegExp(`match refused: tenant ${tenant}: transaction ${lineA} cannot be matched to PO 2026-0004: the PO is for supplier 20002`));
  expect((await cli('matching', 'unmatch', tenant, lineA, '--by', 'ola')).code).toBe(0);

  const manual = JSON.parse((await cli('matching', 'list', tenant, '--manual', '--json')).stdout) as Array<Record<string, unknown>>;
  expect(manual.map((r) => [r.transaction, r.outcome, r.po ?? null, r.by])).toEqual([[lineA, 'unmatched', null, 'ola'], [lineD, 'matched', '2026-0010', 'kari']]);
  expect((await cli('matching', 'list', tenant)).stdout).toMatch(/manual matched\s+2026-0010\s+kari \d{4}-\d{2}-\d{2}/);

  expect((await cli('matching', 'refresh', tenant, '--suppliers', '--transactions')).code).toBe(2);
  expect((await cli('matching', 'list', tenant, '--auto', '--manual')).code).toBe(2);
  expect((await cli('matching', 'list', 'no-such-tenant')).code).toBe(4);
});
