/**
 * The 24SevenOffice sandbox on the wire: hand-written SOAP 1.1 envelopes over HTTP (no client library), so
 * these tests pin what the connector will see — sessions and cookies, SaveBundleList's rules, the journal vs
 * ledger split, the rate limit and the injected faults.
 */
import { DEMO_CREDENTIALS, SERVICE_PATHS, startTwentyFourSevenOfficeSandbox, type SandboxState, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { envelope, items, NS_A, NS_B, rawSoap, soapAction } from '../../sandbox/24sevenoffice/rawSoap';

const c = DEMO_CREDENTIALS;
let sb: TwentyFourSevenOfficeSandbox;
const url = (service: keyof typeof SERVICE_PATHS) => sb.url + SERVICE_PATHS[service];

const credential = (password: string = c.password, identityId?: string) =>
  `<credential><ApplicationId>${c.applicationId}</ApplicationId>${identityId ? `<IdentityId>${identityId}</IdentityId>` : ''}<Password>${password}</Password><Username>${c.username}</Username></credential>`;

async function login(identityId?: string): Promise<string> {
  const answer = await rawSoap(url('authenticate'), 'Login', NS_A, credential(c.password, identityId));
  expect(answer.status).toBe(200);
  return String(answer.result);
}

interface Line {
  account: number;
  amount: string;
  date?: string;
  extra?: string;
}
const entry = (l: Line) => `<Entry><AccountNo>${l.account}</AccountNo><Date>${l.date ?? '2026-03-10'}T00:00:00</Date><Amount>${l.amount}</Amount>${l.extra ?? ''}</Entry>`;
const voucher = (no: number, lines: Line[], sort = 8) => `<Voucher><TransactionNo>${no}</TransactionNo><Entries>${lines.map(entry).join('')}</Entries><Sort>${sort}</Sort></Voucher>`;
const bundleList = (saveOption: 0 | 1, vouchers: string[], options: { year?: number; allowDifference?: boolean; directAccounting?: boolean } = {}) =>
  `<BundleList><Bundles><Bundle><YearId>${options.year ?? 2026}</YearId><Vouchers>${vouchers.join('')}</Vouchers><Name>test bundle</Name>${options.directAccounting ? '<BundleDirectAccounting>true</BundleDirectAccounting>' : ''}</Bundle></Bundles>${options.allowDifference ? '<AllowDifference>true</AllowDifference>' : ''}<SaveOption>${saveOption}</SaveOption></BundleList>`;

const balanced = (no: number, extra = '') => voucher(no, [{ account: 6800, amount: '1000.00', extra }, { account: 2710, amount: '250.00' }, { account: 1920, amount: '-1250.00' }]);

async function save(sessionId: string, list: string) {
  const answer = await rawSoap(url('account'), 'SaveBundleList', NS_A, list, { sessionId });
  expect(answer.status).toBe(200);
  return answer.result as { Type: string; Description?: string };
}

async function transactions(sessionId: string, params = '<DateStart>2026-01-01T00:00:00</DateStart><DateEnd>2026-12-31T23:59:59</DateEnd>') {
  const answer = await rawSoap(url('transaction'), 'GetTransactions', NS_B, `<searchParams>${params}</searchParams>`, { sessionId });
  expect(answer.status).toBe(200);
  return items<Record<string, any>>(answer.result, 'Transaction');
}

beforeEach(async () => {
  sb = await startTwentyFourSevenOfficeSandbox();
});
afterEach(async () => {
  await sb.close();
});

describe('Authenticate', () => {
  test('Login returns the session id and sets it as the ASP.NET_SessionId cookie; the cookie then carries the session', async () => {
    const answer = await rawSoap(url('authenticate'), 'Login', NS_A, credential());
    const sessionId = String(answer.result);
    expect(sessionId).toMatch(/^[a-z0-5]{24}$/);
    expect(answer.headers.get('set-cookie')).toContain(`ASP.NET_SessionId=${sessionId}; path=/; HttpOnly`);
    expect((await rawSoap(url('authenticate'), 'HasSession', NS_A, '', { sessionId })).result).toBe('true');
    expect((await rawSoap(url('authenticate'), 'HasSession', NS_A)).result).toBe('false');
  });

  test('a wrong password gives an empty LoginResult and no cookie', async () => {
    const answer = await rawSoap(url('authenticate'), 'Login', NS_A, credential('wrong'));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<LoginResult />');
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  test('a call without a session is a SOAP fault saying it is not authenticated', async () => {
    const answer = await rawSoap(url('account'), 'GetAccountList', NS_A);
    expect(answer.status).toBe(500);
    expect(answer.fault).toMatch(/^Server was unable to process request\. ---> .*not authenticated/);
    expect(answer.body).toContain('<faultcode>soap:Server</faultcode>');
  });

  test('a blocked identity is refused at login with "The provided IdentityId is blocked"', async () => {
    const blockedId = '0b0b0b0b-1111-4222-8333-444455556666';
    sb.admin.createUser({ applicationId: c.applicationId, username: 'blocked@example.no', password: 'pw', identities: [{ id: blockedId, clientId: 3001, clientName: 'Sperret AS', blocked: true }] });
    const body = `<credential><ApplicationId>${c.applicationId}</ApplicationId><IdentityId>${blockedId}</IdentityId><Password>pw</Password><Username>blocked@example.no</Username></credential>`;
    const answer = await rawSoap(url('authenticate'), 'Login', NS_A, body);
    expect(answer.status).toBe(500);
    expect(answer.fault).toContain('The provided IdentityId is blocked');
  });

  test('SetIdentityById switches the session to another company: the same cookie then addresses its books', async () => {
    const sessionId = await login();
    const second = c.identities[1].id;
    expect((await rawSoap(url('authenticate'), 'SetIdentityById', NS_A, `<identityId>${second}</identityId>`, { sessionId })).result).toBe('true');
    const identity = await rawSoap(url('authenticate'), 'GetIdentity', NS_A, '', { sessionId });
    expect(identity.result).toMatchObject({ Id: second, Client: { Id: '1002', Name: 'Demo Kafé AS' }, IsCurrent: 'true' });
    expect(await save(sessionId, bundleList(0, [balanced(80500)]))).toEqual({ Type: 'Ok' });
    expect(sb.admin.tenant(1002).ledger.vouchers).toContain(80500);
    expect(sb.admin.tenant(1001).ledger.vouchers).not.toContain(80500);
  });

  test('one login serves many calls on every service (both namespaces)', async () => {
    const sessionId = await login();
    for (const op of ['GetAccountList', 'GetTaxCodeList', 'GetTypeList']) expect((await rawSoap(url('account'), op, NS_A, '', { sessionId })).status).toBe(200);
    await transactions(sessionId);
    expect((await rawSoap(url('client'), 'GetDepartmentList', NS_A, '', { sessionId })).status).toBe(200);
    const state = sb.admin.state();
    expect(state.logins).toBe(1);
    expect(state.calls).toMatchObject({ Login: 1, GetAccountList: 1, GetTransactions: 1, GetDepartmentList: 1 });
  });

  test('an expired session (idle timeout or admin) answers not authenticated; HasSession says false', async () => {
    let now = new Date('2026-03-10T10:00:00Z');
    await sb.close();
    sb = await startTwentyFourSevenOfficeSandbox({ now: () => now, sessionIdleMinutes: 20 });
    const sessionId = await login();
    now = new Date('2026-03-10T10:19:00Z');
    expect((await rawSoap(url('account'), 'GetAccountList', NS_A, '', { sessionId })).status).toBe(200); // slides the expiry
    now = new Date('2026-03-10T10:40:00Z');
    expect((await rawSoap(url('authenticate'), 'HasSession', NS_A, '', { sessionId })).result).toBe('false');
    const again = await login();
    expect(sb.admin.expireSessions(again)).toBe(1);
    expect((await rawSoap(url('account'), 'GetAccountList', NS_A, '', { sessionId: again })).fault).toContain('not authenticated');
  });
});

describe('SaveBundleList and GetTransactions', () => {
  test('a balanced voucher saved to the ledger (SaveOption=0) is returned by GetTransactions with its dimensions', async () => {
    const sessionId = await login();
    const before = Date.now();
    const result = await save(sessionId, bundleList(0, [balanced(80100, '<DepartmentId>2</DepartmentId><ProjectId>2</ProjectId>')]));
    expect(result).toEqual({ Type: 'Ok' });
    const lines = await transactions(sessionId, '<DateStart>2026-03-01T00:00:00</DateStart><DateEnd>2026-03-31T23:59:59</DateEnd><TransactionNoStart>80100</TransactionNoStart><TransactionNoEnd>80100</TransactionNoEnd>');
    expect(lines.map((l) => [l.AccountNo, l.Amount])).toEqual([['6800', '1000.00'], ['2710', '250.00'], ['1920', '-1250.00']]);
    expect(items(lines[0]!.Dimensions, 'Dimension')).toEqual([
      expect.objectContaining({ Type: 'Project', Value: '2' }),
      expect.objectContaining({ Type: 'Department', Value: '2' }),
    ]);
    expect(Date.parse(lines[0]!.RegistrationDate)).toBeGreaterThanOrEqual(before - 1000);
    const byAccount = await transactions(sessionId, '<DateStart>2026-03-01</DateStart><DateEnd>2026-03-31T23:59:59</DateEnd><AccountNoStart>6000</AccountNoStart><AccountNoEnd>6999</AccountNoEnd>');
    expect(byAccount.map((l) => l.AccountNo)).toEqual(['6800']);
  });

  test('a journal voucher (SaveOption=1) is invisible to GetTransactions until the accountant posts it', async () => {
    const sessionId = await login();
    expect(await save(sessionId, bundleList(1, [balanced(80200)], { directAccounting: true }))).toEqual({ Type: 'Ok' });
    expect((await transactions(sessionId)).filter((l) => l.TransactionNo === '80200')).toHaveLength(0);
    const bundle = sb.admin.tenant(1001).journal.find((b) => b.vouchers.some((v) => v.transactionNo === 80200))!;
    expect(bundle.posted).toBe(false);

    const posted = await fetch(`${sb.url}/admin/tenants/1001/journal/${bundle.id}/post`, { method: 'POST' });
    expect(posted.status).toBe(200);
    expect((await transactions(sessionId)).filter((l) => l.TransactionNo === '80200')).toHaveLength(3);
  });

  test('a journal draft with automatic VAT splits the gross amount into net and VAT lines', async () => {
    const sessionId = await login();
    const gross = voucher(80250, [{ account: 6800, amount: '1250.00', extra: '<TaxNo>1</TaxNo>' }, { account: 1920, amount: '-1250.00' }]);
    expect(await save(sessionId, bundleList(1, [gross]))).toEqual({ Type: 'Ok' });
    const lines = sb.admin.tenant(1001).journal.at(-1)!.vouchers[0]!.lines;
    expect(lines).toEqual([{ accountNo: 6800, amount: '1000.00' }, { accountNo: 1920, amount: '-1250.00' }, { accountNo: 2710, amount: '250.00' }]);
  });

  test('an unbalanced voucher is not saved, unless AllowDifference on a journal save', async () => {
    const sessionId = await login();
    const unbalanced = voucher(80300, [{ account: 6800, amount: '1000.00' }, { account: 1920, amount: '-990.00' }]);
    const result = await save(sessionId, bundleList(0, [unbalanced]));
    expect(result).toEqual({ Type: 'NotSaved', Description: 'Voucher 80300 is not in balance: the difference is 10.00' });
    expect(await save(sessionId, bundleList(0, [unbalanced], { allowDifference: true }))).toMatchObject({ Type: 'NotSaved' });
    expect(sb.admin.tenant(1001).ledger.vouchers).not.toContain(80300);
    expect(await save(sessionId, bundleList(1, [unbalanced], { allowDifference: true, directAccounting: true }))).toEqual({ Type: 'Ok' });
  });

  test('a TransactionNo already used in the entry series and year is DuplicateData; GetEntryId gives the next free one', async () => {
    const sessionId = await login();
    expect(await save(sessionId, bundleList(0, [balanced(80400)]))).toEqual({ Type: 'Ok' });
    expect(await save(sessionId, bundleList(0, [balanced(80400)]))).toMatchObject({ Type: 'DuplicateData', Description: expect.stringContaining('TransactionNo 80400 is already used') });
    const next = await rawSoap(url('account'), 'GetEntryId', NS_A, '<argEntryId><Date>2026-05-01T00:00:00</Date><SortNo>8</SortNo><EntryNo>0</EntryNo></argEntryId>', { sessionId });
    expect(next.result).toMatchObject({ SortNo: '8', EntryNo: '80401' });
    const fresh = await rawSoap(url('account'), 'GetEntryId', NS_A, '<argEntryId><Date>2026-05-01T00:00:00</Date><SortNo>3</SortNo><EntryNo>0</EntryNo></argEntryId>', { sessionId });
    expect(fresh.result).toMatchObject({ EntryNo: '30000' });
  });

  test('unknown accounts, VAT codes, projects, years and closed periods are refused, and nothing is saved', async () => {
    const sessionId = await login();
    const bad = voucher(80600, [{ account: 9999, amount: '10.00', extra: '<ProjectId>999</ProjectId><TaxNo>77</TaxNo>' }, { account: 1920, amount: '-10.00' }]);
    const result = await save(sessionId, bundleList(0, [bad]));
    expect(result.Type).toBe('Exception');
    expect(result.Description).toContain('the account 9999 does not exist');
    expect(result.Description).toContain('the VAT code (TaxNo) 77 does not exist');
    expect(result.Description).toContain('the project 999 does not exist');
    expect((await save(sessionId, bundleList(0, [balanced(80601)], { year: 2019 }))).Description).toContain('the year 2019 (YearId) does not exist');
    sb.admin.lockPeriod(1001, { period: '2026-03' });
    expect((await save(sessionId, bundleList(0, [balanced(80602)]))).Description).toContain('the period 2026-03 is closed');
    expect(sb.admin.tenant(1001).ledger.vouchers.filter((n) => n >= 80600)).toEqual([]);
  });

  test('amounts with more than two decimals are refused', async () => {
    const sessionId = await login();
    const result = await save(sessionId, bundleList(0, [voucher(80700, [{ account: 6800, amount: '10.005' }, { account: 1920, amount: '-10.005' }])]));
    expect(result).toMatchObject({ Type: 'NotSaved', Description: expect.stringContaining('has more than 2 decimals') });
  });

  test('GetTransactions requires DateStart and DateEnd', async () => {
    const sessionId = await login();
    const answer = await rawSoap(url('transaction'), 'GetTransactions', NS_B, '<searchParams><DateStart>2026-01-01</DateStart></searchParams>', { sessionId });
    expect(answer.status).toBe(500);
    expect(answer.fault).toContain('DateStart and DateEnd must be specified');
  });
});

describe('wire rules', () => {
  test('each service serves its WSDL with the address pointing at the sandbox', async () => {
    const wsdl = await (await fetch(`${url('attachment')}?WSDL`)).text();
    expect(wsdl).toContain(`location="${sb.url}/Economy/Accounting/Accounting_V001/AttachmentService.asmx"`);
    expect(wsdl).toContain('targetNamespace="http://24sevenoffice.com/webservices/economy/accounting/"');
  });

  test('the operation element must be in the service namespace (A vs B)', async () => {
    const sessionId = await login();
    const body = envelope(NS_A, 'GetFiscalYears', '');
    const answer = await rawSoap(url('transaction'), 'GetFiscalYears', NS_B, '', { sessionId, body });
    expect(answer.status).toBe(500);
    expect(answer.fault).toContain("<GetFiscalYears xmlns='http://24sevenOffice.com/webservices'> was not expected");
    const unknown = await rawSoap(url('transaction'), 'GetFiscalYears', NS_B, '', { sessionId, action: soapAction(NS_A, 'GetFiscalYears') });
    expect(unknown.fault).toBe('Server did not recognize the value of HTTP Header SOAPAction: http://24sevenOffice.com/webservices/GetFiscalYears.');
  });

  test('a request with a DOCTYPE is refused before it is parsed or executed', async () => {
    const sessionId = await login();
    const body = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "1000.00">]>${envelope(NS_A, 'SaveBundleList', bundleList(0, [balanced(80800)])).replace('<?xml version="1.0" encoding="utf-8"?>', '')}`;
    const answer = await rawSoap(url('account'), 'SaveBundleList', NS_A, '', { sessionId, body });
    expect(answer.status).toBe(500);
    expect(answer.fault).toContain('For security reasons DTD is prohibited');
    expect(answer.body).toContain('<faultcode>soap:Client</faultcode>');
    expect(sb.admin.tenant(1001).ledger.vouchers).not.toContain(80800);
  });

  test('a request body over the bound is refused with 413', async () => {
    await sb.close();
    sb = await startTwentyFourSevenOfficeSandbox({ maxRequestBytes: 10_000 });
    const answer = await rawSoap(url('authenticate'), 'Login', NS_A, `<credential><Username>${'x'.repeat(20_000)}</Username></credential>`);
    expect(answer.status).toBe(413);
  });
});

describe('admin HTTP API', () => {
  test('creates a tenant user whose identities get seeded books, and reports state', async () => {
    const identityId = '7a7a7a7a-1111-4222-8333-444455556666';
    const post = (path: string, body: unknown) => fetch(sb.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post('/admin/users', { applicationId: c.applicationId, username: 'acme@example.no', password: 'pw', identities: [{ id: identityId, clientName: 'Acme AS', clientId: 4001 }] });
    expect(created.status).toBe(200);
    expect((await post('/admin/users', { username: 'x' })).status).toBe(400);
    expect((await post('/admin/tenants/4001/accounts', { AccountNo: 3050, AccountName: 'Salg gavekort' })).status).toBe(200);
    expect((await post('/admin/faults', { kind: 'teleport' })).status).toBe(400);

    const body = `<credential><ApplicationId>${c.applicationId}</ApplicationId><Password>pw</Password><Username>acme@example.no</Username></credential>`;
    const sessionId = String((await rawSoap(url('authenticate'), 'Login', NS_A, body)).result);
    const accounts = items((await rawSoap(url('account'), 'GetAccountList', NS_A, '', { sessionId })).result, 'AccountData');
    expect(accounts.map((a) => a.AccountNo)).toEqual(expect.arrayContaining(['1500', '1920', '2400', '2700', '3000', '3050', '7740', '8150']));

    const state = (await (await fetch(`${sb.url}/admin/state`)).json()) as SandboxState;
    expect(state.users.map((u) => u.username)).toEqual([c.username, 'acme@example.no']);
    expect(state.tenants.find((t) => t.clientId === 4001)).toMatchObject({ name: 'Acme AS', journal: [], companies: 8 });
  });
});

describe('rate limit and injected faults', () => {
  test('beyond the hourly limit every call is a quarantine fault; answers carry APILimitRemaining/APILimitReset', async () => {
    await sb.close();
    sb = await startTwentyFourSevenOfficeSandbox({ hourlyLimit: 3 });
    const sessionId = await login();
    const first = await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId });
    expect(first.headers.get('APILimitRemaining')).toBe('1');
    expect(first.headers.get('APILimitReset')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
    await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId });
    const blocked = await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId });
    expect(blocked.status).toBe(500);
    expect(blocked.fault).toMatch(/Limit exceeded by 1\. Request is blocked\. Quarantine ends at \d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
    expect(blocked.headers.get('APILimitRemaining')).toBe('0');
  });

  test('an injected quarantine (admin HTTP API) blocks the caller until the given time', async () => {
    const sessionId = await login();
    const until = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const armed = await fetch(`${sb.url}/admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ operation: 'SaveBundleList', kind: 'quarantine', until }) });
    expect(armed.status).toBe(200);
    const answer = await rawSoap(url('account'), 'SaveBundleList', NS_A, bundleList(0, [balanced(80900)]), { sessionId });
    expect(answer.fault).toBe(`Server was unable to process request. ---> Limit exceeded by 1. Request is blocked. Quarantine ends at ${until}`);
    expect((await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId })).fault).toContain('Request is blocked');
    expect(sb.admin.tenant(1001).ledger.vouchers).not.toContain(80900);
  });

  test('a lost response: SaveBundleList is committed but the connection drops without an answer', async () => {
    const sessionId = await login();
    sb.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse' });
    await expect(rawSoap(url('account'), 'SaveBundleList', NS_A, bundleList(0, [balanced(81000)]), { sessionId })).rejects.toThrow();
    expect(sb.admin.tenant(1001).ledger.vouchers).toContain(81000);
    // the fault was used up: the retry meets the committed voucher
    expect(await save(sessionId, bundleList(0, [balanced(81000)]))).toMatchObject({ Type: 'DuplicateData' });
  });

  test('http500 answers an IIS error page (not SOAP) and does nothing; malformed answers HTML with 200', async () => {
    const sessionId = await login();
    sb.admin.setFault({ operation: 'SaveBundleList', kind: 'http500' });
    const failed = await rawSoap(url('account'), 'SaveBundleList', NS_A, bundleList(0, [balanced(81100)]), { sessionId });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toContain('text/html');
    expect(sb.admin.tenant(1001).ledger.vouchers).not.toContain(81100);
    sb.admin.setFault({ kind: 'malformed' });
    const html = await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId });
    expect([html.status, html.body.startsWith('<html>')]).toEqual([200, true]);
  });

  test('doctype and oversized faults answer unsafe or huge bodies; sessionExpiry logs the caller out', async () => {
    const sessionId = await login();
    sb.admin.setFault({ operation: 'GetTypeList', kind: 'doctype' });
    expect((await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId })).body).toContain('<!DOCTYPE');
    sb.admin.setFault({ operation: 'GetTypeList', kind: 'oversized', sizeBytes: 2_000_000 });
    expect((await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId })).body.length).toBeGreaterThan(2_000_000);
    sb.admin.setFault({ operation: 'GetTypeList', kind: 'sessionExpiry' });
    expect((await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId })).fault).toContain('not authenticated');
  });

  test('slow delays the answer by delayMs, times counts the affected calls', async () => {
    const sessionId = await login();
    sb.admin.setFault({ operation: 'GetTypeList', kind: 'slow', delayMs: 300, times: 2 });
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      expect((await rawSoap(url('account'), 'GetTypeList', NS_A, '', { sessionId })).status).toBe(200);
      if (i < 2) expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    }
    expect(sb.admin.faults()).toEqual([]);
  });
});
