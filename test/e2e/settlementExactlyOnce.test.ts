/**
 * The settlement exactly once at 24SevenOffice's two edges: the answer to a posting lost after the voucher was saved
 * is settled by looking the voucher up, never by posting it again; the answer to a PDF upload lost is uploaded again
 * (AttachmentService cannot be searched; an unreferenced file is harmless), and the voucher carries one stamp.
 */
import { HANDEL, useSettlementStage } from './settlementHarness';

const stage = useSettlementStage();

const saves = () => stage.tso.admin.state().calls.SaveBundleList ?? 0;

beforeEach(() => stage.mapAccounts({ 'sales:group:30': '3000' }));

test("24SevenOffice's answer to a settlement lost after it saved the voucher: the retry finds it by look-up and posts nothing again", async () => {
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse', times: 1 });
  const before = stage.ledger();
  const summary = await stage.run();
  expect(summary).toMatchObject({ read: 3, posted: 3, needsAttention: 0, failed: 0 });
  expect([...stage.ledger().keys()].filter((no) => !before.has(no))).toHaveLength(3);
  expect(saves()).toBe(3);
  const z1 = (await stage.exportLog()).filter((l) => l.sourceId === 'duell/OSL/z/1' && l.entityType === 'z-report');
  expect(z1.map((l) => l.outcome)).toEqual(['duplicate']);
  expect(z1[0]!.message).toContain('found in 24SevenOffice after an uncertain answer; not posted again');
  expect(await stage.run()).toMatchObject({ read: 0, posted: 0 });
  expect(saves()).toBe(3);
}, 120_000);

test('the answer to a PDF upload lost: it is uploaded again and each voucher carries one stamp', async () => {
  stage.tso.admin.setFault({ operation: 'Save', kind: 'lostResponse', times: 1 });
  const before = stage.ledger();
  expect(await stage.run()).toMatchObject({ posted: 3, needsAttention: 0, failed: 0 });
  const posted = [...stage.ledger()].filter(([no]) => !before.has(no));
  expect(posted).toHaveLength(3);
  const stamps = posted.map(([, lines]) => new Set(lines.map((l) => l.stampNo)));
  expect(stamps.every((s) => s.size === 1 && ![...s].includes(0))).toBe(true);
  expect(new Set(stamps.map((s) => [...s][0])).size).toBe(3);
  expect(saves()).toBe(3);
  // The lost upload was saved too: one file more than vouchers, referenced by none.
  expect(stage.tso.admin.tenant(HANDEL).attachments).toBe(4);
}, 120_000);
