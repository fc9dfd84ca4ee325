/**
 * The sandboxes `npm start` runs stand for the customer's real systems: with a state file, what was closed,
 * saved and posted in them is still there after a restart, and a restart does not fall back to the seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS, SERVICE_PATHS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { NS_A, NS_B, items, rawSoap } from '../../sandbox/24sevenoffice/rawSoap';
import { DEMO_TELARIS, startTelarisSandbox, type TelarisSandbox } from '../../sandbox/telaris';

const CLIENT = 1001;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-sandbox-state-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('24SevenOffice sandbox', () => {
  const c = DEMO_CREDENTIALS;
  const credential = `<credential><ApplicationId>${c.applicationId}</ApplicationId><Password>${c.password}</Password><Username>${c.username}</Username></credential>`;
  const voucher = (no: number) => `<Voucher><TransactionNo>${no}</TransactionNo><Entries>` +
    '<Entry><AccountNo>1920</AccountNo><Date>2026-03-10T00:00:00</Date><Amount>1250.00</Amount></Entry>' +
    '<Entry><AccountNo>3000</AccountNo><Date>2026-03-10T00:00:00</Date><Amount>-1250.00</Amount></Entry></Entries><Sort>1</Sort></Voucher>';
  const bundleList = (saveOption: 0 | 1, no: number) =>
    `<BundleList><Bundles><Bundle><YearId>2026</YearId><Vouchers>${voucher(no)}</Vouchers><Name>batch 2026-03 #1</Name></Bundle></Bundles><SaveOption>${saveOption}</SaveOption></BundleList>`;

  async function saveVouchers(sb: TwentyFourSevenOfficeSandbox): Promise<string> {
    const sessionId = String((await rawSoap(sb.url + SERVICE_PATHS.authenticate, 'Login', NS_A, credential)).result);
    for (const [option, no] of [[0, 70001], [1, 70002]] as const) {
      const saved = await rawSoap(sb.url + SERVICE_PATHS.account, 'SaveBundleList', NS_A, bundleList(option, no), { sessionId });
      expect((saved.result as { Type: string }).Type).toBe('Ok');
    }
    return sessionId;
  }

  test('the ledger, the journal, master data and sessions survive a restart; the seed is not applied again', async () => {
    const stateFile = path.join(dir, '24sevenoffice.json');
    const first = await startTwentyFourSevenOfficeSandbox({ stateFile });
    const sessionId = await saveVouchers(first);
    const department = first.admin.addDepartment(CLIENT, { Name: 'Lager Bergen' });
    const before = first.admin.tenant(CLIENT);
    expect(before.ledger.vouchers).toContain(70001);
    expect(before.journal.map((b) => b.vouchers[0]!.transactionNo)).toEqual([70002]);
    await first.close();

    const second = await startTwentyFourSevenOfficeSandbox({ stateFile });
    try {
      expect(second.admin.tenant(CLIENT)).toEqual(before);
      expect(second.admin.state().users.map((u) => u.username)).toEqual([c.username]); // not seeded twice
      expect((await rawSoap(second.url + SERVICE_PATHS.authenticate, 'HasSession', NS_A, '', { sessionId })).result).toBe('true');
      const lines = items<Record<string, unknown>>((await rawSoap(second.url + SERVICE_PATHS.transaction, 'GetTransactions', NS_B,
        '<searchParams><DateStart>2026-03-01T00:00:00</DateStart><DateEnd>2026-03-31T23:59:59</DateEnd></searchParams>', { sessionId })).result, 'Transaction');
      expect(lines.map((l) => Number(l.TransactionNo))).toEqual([70001, 70001]);
      // The journal bundle saved before the restart can still be posted after it.
      second.admin.postJournal(CLIENT, before.journal[0]!.id);
      expect(second.admin.tenant(CLIENT).ledger.vouchers).toEqual(expect.arrayContaining([70001, 70002]));
      expect(second.admin.tenant(CLIENT).departments).toBe(before.departments);
      expect(department).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  test('a change is written a moment later, without waiting for close, through a temporary file', async () => {
    const stateFile = path.join(dir, 'nested', '24sevenoffice.json');
    const sb = await startTwentyFourSevenOfficeSandbox({ stateFile });
    try {
      expect(fs.readFileSync(stateFile, 'utf8')).not.toContain('70001');
      await saveVouchers(sb);
      await until(() => fs.readFileSync(stateFile, 'utf8').includes('70001'));
      expect(fs.readdirSync(path.dirname(stateFile))).toEqual(['24sevenoffice.json']); // no temporary file left behind
    } finally {
      await sb.close();
    }
  });

  test('without a state file every start begins from the seed (the in-process default for tests)', async () => {
    const first = await startTwentyFourSevenOfficeSandbox();
    await saveVouchers(first);
    await first.close();
    const second = await startTwentyFourSevenOfficeSandbox();
    try {
      expect(second.admin.tenant(CLIENT).ledger.vouchers).not.toContain(70001);
    } finally {
      await second.close();
    }
  });

  test('an unreadable state file stops the start and says how to begin again', async () => {
    const stateFile = path.join(dir, '24sevenoffice.json');
    fs.writeFileSync(stateFile, '{"users": ');
    await expect(startTwentyFourSevenOfficeSandbox({ stateFile })).rejects.toThrow(`sandbox state ${stateFile} is not readable`);
  });
});

describe('Telaris sandbox', () => {
  const company = `/api/v1/companies/${DEMO_TELARIS.companyNo}`;
  const api = async (sb: TelarisSandbox, route: string, method = 'GET', body?: unknown) => {
    const res = await fetch(sb.url + company + route, {
      method, headers: { Authorization: `Bearer ${DEMO_TELARIS.apiToken}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json() as Promise<Record<string, any>>;
  };

  test('closed batches, the open batch, confirmations and the number series survive a restart', async () => {
    const stateFile = path.join(dir, 'telaris.json');
    const now = () => new Date('2026-11-15T10:00:00Z');
    const first = await startTelarisSandbox({ stateFile, now });
    const closed = await api(first, '/batches/close', 'POST');
    expect(closed.id).toBe('2026-11-1');
    const firstDocuments = await api(first, `/batches/${closed.id}/documents?pageSize=500`);
    expect((await api(first, `/batches/${closed.id}/export-confirmation`, 'POST', { reference: 'demo/batch/2026-11-1' })).status).toBe('exported');
    first.admin.generateDocuments({ companyNo: DEMO_TELARIS.companyNo, count: 7 });
    const before = first.admin.state();
    await first.close();

    const second = await startTelarisSandbox({ stateFile, now });
    try {
      const after = second.admin.state();
      expect(after.companies).toEqual(before.companies);
      expect(after.companies[0]!.open.documentCount).toBe(7); // the seed's 25 were closed, not booked again
      expect(await api(second, `/batches/${closed.id}/documents?pageSize=500`)).toEqual(firstDocuments);
      expect((await api(second, '/batches/close', 'POST')).id).toBe('2026-11-2');
    } finally {
      await second.close();
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
