/**
 * A ledger window of entry dates whose answer is over the 24SevenOffice connection's size bound is read in halves,
 * down to single days (activities/matching/transactions.ts): a dense month does not stop the matching in needs
 * attention. The real connector against the sandbox, a bound small enough that the whole window and its halves are
 * refused while each day fits.
 */
import { entryDateLines } from '../../activities/matching/transactions';
import { isConnectorError } from '../../connectors/errors';
import { DEMO_HANDEL, startHarness, type Harness } from '../connectors/24sevenoffice-fixtures';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

const DAYS = 20;
const PER_DAY = 5;

test('a window over the answer bound is read in halves down to days, every line once; a day over the bound still fails', async () => {
  const invoices = Array.from({ length: DAYS * PER_DAY }, (_, i) => ({
    date: `2025-03-${String(1 + Math.floor(i / PER_DAY)).padStart(2, '0')}`, supplierId: 20001, currency: 'NOK', invoiceNo: `W-${i}`,
    lines: [{ account: 4300, amount: '100.00', comment: `Linje ${i}` }],
  }));
  const res = await fetch(`${h.sandbox.url}/admin/tenants/${DEMO_HANDEL.clientId}/ledger/supplier-invoices`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(invoices),
  });
  expect(res.status).toBe(200);
  // About 200 lines of some hundred bytes each in the window, ten a day: 40 kB refuses the window and its halves.
  const { connector } = h.connect({ settings: { maxResponseBytes: 40_000 } });
  const window = { from: '2025-03-01', to: '2025-03-20' };

  expect(await refusal(connector.transactions(window))).toBe('ResponseTooLarge');
  const lines = await entryDateLines(connector, window.from, window.to);
  expect(lines).toHaveLength(DAYS * PER_DAY * 2);
  expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  expect(lines.filter((l) => l.accountNo === 4300).map((l) => l.comment).sort()).toEqual(invoices.map((i) => i.lines[0]!.comment).sort());

  const tiny = h.connect({ settings: { maxResponseBytes: 2_000 } }).connector;
  expect(await refusal(entryDateLines(tiny, window.from, window.to))).toBe('ResponseTooLarge');
});

async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'answered';
  } catch (err) {
    return isConnectorError(err) ? err.type : String(err);
  }
}
