/** The Telaris sandbox's wire model, seen with plain fetch: status codes and error bodies as connectors/telaris/README.md says. */
import { DEMO_TELARIS, startTelarisSandbox, type TelarisSandbox } from '../../sandbox/telaris';

let sandbox: TelarisSandbox;
beforeAll(async () => { sandbox = await startTelarisSandbox({ now: () => new Date('2026-11-15T10:00:00Z') }); });
afterAll(async () => { await sandbox.close(); });
afterEach(() => sandbox.admin.clearFaults());

const company = `/api/v1/companies/${DEMO_TELARIS.companyNo}`;
async function api(path: string, init: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) {
  const token = init.token === undefined ? DEMO_TELARIS.apiToken : init.token;
  const res = await fetch(sandbox.url + path, {
    method: init.method ?? 'GET',
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}

test('the demo company is seeded with customers and an open batch of 25 documents', async () => {
  expect((await api(company)).body).toEqual({ companyNo: '1001', name: 'Demo Handel AS', organizationNumber: '923609016', currency: 'NOK' });
  expect((await api(`${company}/batches/open`)).body).toMatchObject({ status: 'open', documentCount: 25 });
  expect((await api(`${company}/customers?pageSize=500`)).body).toMatchObject({ totalItems: 50, totalPages: 1 });
});

test('auth: 401 without or with a wrong token, 404 for an unknown company, 403 for a company the token does not open', async () => {
  expect(await api(company, { token: null })).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  expect(await api(company, { token: 'nope' })).toMatchObject({ status: 401, body: { error: { code: 'unauthorized', message: 'the access token is not valid' } } });
  expect(await api('/api/v1/companies/777')).toMatchObject({ status: 404, body: { error: { code: 'company_not_found' } } });
  sandbox.admin.createCompany({ companyNo: '2002', apiToken: 'other-token' });
  expect(await api(company, { token: 'other-token' })).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
});

test('requests outside the model: 400 for a page size over 500 or a bad period, 404 for unknown paths, 405 for a wrong method', async () => {
  expect(await api(`${company}/customers?pageSize=501`)).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
  expect(await api(`${company}/batches?period=2026-13`)).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
  expect(await api(`${company}/vouchers`)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  expect(await api(`${company}/batches/close`)).toMatchObject({ status: 405 });
});

test('close answers 201 with the new batch; the same Idempotency-Key answers 200 with the same batch; the open batch is refused for export', async () => {
  const first = await api(`${company}/batches/close`, { method: 'POST', headers: { 'Idempotency-Key': 'k1' } });
  expect(first).toMatchObject({ status: 201, body: { id: '2026-11-1', status: 'closed', documentCount: 25 } });
  expect(await api(`${company}/batches/close`, { method: 'POST', headers: { 'Idempotency-Key': 'k1' } })).toMatchObject({ status: 200, body: { id: '2026-11-1' } });
  expect(await api(`${company}/batches/open/documents`)).toMatchObject({ status: 409, body: { error: { code: 'batch_open' } } });
  expect(await api(`${company}/batches/2026-11-9`)).toMatchObject({ status: 404, body: { error: { code: 'batch_not_found' } } });
  expect((await api(`${company}/batches/2026-11-1/documents?page=9&pageSize=10`)).body).toMatchObject({ items: [], page: 9, totalItems: 25, totalPages: 3 });
});

test('export confirmation: 200 the first time, then 409 already_exported with when and by which reference', async () => {
  const id = (await api(`${company}/batches/close`, { method: 'POST' })).body.id as string;
  const path = `${company}/batches/${id}/export-confirmation`;
  expect(await api(path, { method: 'POST', body: {} })).toMatchObject({ status: 400 });
  const ok = await api(path, { method: 'POST', body: { reference: 'demo/batch/1' } });
  expect(ok).toMatchObject({ status: 200, body: { status: 'exported', exportReference: 'demo/batch/1' } });
  const again = await api(path, { method: 'POST', body: { reference: 'demo/batch/1' } });
  expect(again).toMatchObject({
    status: 409,
    body: { error: { code: 'already_exported', message: `batch 2026-11 #${id.split('-')[2]} was exported at ${ok.body.exportedAt}`, details: { exportedAt: ok.body.exportedAt, exportReference: 'demo/batch/1' } } },
  });
});

test('faults are armed per operation over the admin HTTP API; call counts are per operation', async () => {
  const arm = await fetch(`${sandbox.url}/admin/faults`, { method: 'POST', body: JSON.stringify({ operation: 'customer', kind: 'http500' }) });
  expect(arm.status).toBe(200);
  const before = sandbox.admin.state().calls.customer ?? 0;
  expect(await api(`${company}/customers/10001`)).toMatchObject({ status: 500, body: { error: { code: 'internal_error' } } });
  expect(await api(`${company}/customers/10001`)).toMatchObject({ status: 200, body: { customerNo: '10001' } });
  const state = await (await fetch(`${sandbox.url}/admin/state`)).json() as { calls: Record<string, number> };
  expect(state.calls.customer).toBe(before + 1); // the faulted call never reached the handler
  expect((await api(`${company}/customers/99`))).toMatchObject({ status: 404, body: { error: { code: 'customer_not_found' } } });
});

test('bad input and generated documents over the admin HTTP API', async () => {
  const post = (path: string, body: unknown) => fetch(`${sandbox.url}/admin${path}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() as any }));
  expect(await post('/companies', { companyNo: 'H1', apiToken: 'h1-token', customers: 5 })).toMatchObject({ status: 200, body: { companyNo: 'H1', customers: 5 } });
  expect(await post('/companies/H1/documents/generate', { count: 30, mix: { cost: 1 } })).toMatchObject({ status: 200, body: { added: 30, open: { documentCount: 30 } } });
  expect(await post('/companies/H1/bad-documents', { kind: 'unbalanced' })).toMatchObject({ status: 200, body: { kind: 'unbalanced', documentId: expect.any(String) } });
  expect(await post('/companies/H1/bad-documents', { kind: 'nonsense' })).toMatchObject({ status: 400 });
  const closed = await post('/companies/H1/batches/close', {});
  expect(closed.body).toMatchObject({ id: '2026-11-1', documentCount: 31 });
  expect(closed.body.totals.debit).not.toBe(closed.body.totals.credit.slice(1)); // the unbalanced one shows in the totals
  expect(sandbox.admin.documentTypes('H1', '2026-11-1')).toEqual({ salesInvoice: 1, payment: 0, cost: 30, cashSettlement: 0 });
});
