/**
 * Payload encryption end to end: what the Temporal server stores of an invoice transfer (read raw, without our
 * codec) shows no customer name, amount or business id; the codec server decodes the same history for whoever
 * holds its token and for the UI's origin only; a history written under an old key stays readable after a new
 * key is added, and a key the codec lacks is named.
 */
import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DEMO_SEVERA } from '../../sandbox/severa';
import { invoiceWorkflowId } from '../../client/invoices';
import { yTunnusCheckDigit } from '../../domain/yTunnus';
import { payloadToJson, startCodecServer, type CodecServer } from '../../platform/codecServer';
import { codecKeySet, createEncryptionCodec } from '../../platform/payloadCodec';
import { payloadsIn } from '../harness/historyText';
import { TEST_CODEC_KEY, TEST_CODEC_KEYS } from '../harness/temporal';
import { anInvoice, hours } from './invoiceFixtures';
import { useInvoiceStage } from './invoiceHarness';

jest.setTimeout(120_000);

const stage = useInvoiceStage();
const UI_ORIGIN = 'http://127.0.0.1:8233';
const TOKEN = randomBytes(16).toString('hex');
let codecServer: CodecServer;

beforeAll(async () => {
  codecServer = await startCodecServer({ keys: TEST_CODEC_KEYS, port: 0, uiOrigins: [UI_ORIGIN], token: TOKEN });
});
afterAll(() => codecServer?.close());

/** A business id whose check digit is wrong: the transfer stops in needs attention, quoting it. */
const badBusinessId = `1572862-${(yTunnusCheckDigit('1572862')! + 1) % 10}`;
const customer = 'Virtasen Valimo Oy';

/** The history exactly as the server stores it: protobuf bytes, no codec in between. */
async function rawHistory(workflowId: string) {
  const { history } = await stage.env.client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
  return { history: history!, bytes: Buffer.from(temporal.api.history.v1.History.encode(history!).finish()) };
}

const asJson = (payloads: Payload[]) => ({ payloads: payloads.map(payloadToJson) });

function decode(body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }, url = codecServer.url) {
  return fetch(`${url}/decode`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers }, body: JSON.stringify(body) });
}

const decodedText = async (response: Response) => {
  const { payloads } = (await response.json()) as { payloads: { data: string }[] };
  return payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
};

describe('an invoice transfer\'s history', () => {
  let transferred: string;
  let stuck: string;

  beforeEach(async () => {
    stage.clearWaiting();
    stage.severa.admin.addCustomer(DEMO_SEVERA.clientId, { name: customer, vatNumber: badBusinessId, email: 'laskut@valimo.fi', address: { addressline: 'Valimotie 3', postalCode: '00380', city: 'Helsinki' } });
    transferred = invoiceWorkflowId(stage.tenant, stage.addInvoice(anInvoice({ rows: [hours(3, 123.45)] })));
    stuck = invoiceWorkflowId(stage.tenant, stage.addInvoice(anInvoice({ customer })));
    const summary = await stage.run();
    expect(summary.transferred).toHaveLength(1);
    expect(summary.needsAttention).toHaveLength(1);
  });
  afterEach(async () => {
    await stage.env.client.workflow.getHandle(stuck).terminate('test over').catch(() => undefined);
  });

  test('is stored without the customer, the amount or the business id, and the codec server shows them to its token holder', async () => {
    const histories = [await rawHistory(transferred), await rawHistory(stuck)];
    const stored = Buffer.concat(histories.map((h) => h.bytes));
    for (const plain of ['Lehtosen Sähkö ja Pörssi Ky', 'EUR 464.79', customer, badBusinessId]) {
      expect({ plain, stored: stored.includes(Buffer.from(plain)) }).toEqual({ plain, stored: false });
    }
    // The failure that stopped the second invoice is encrypted too, not only its inputs.
    expect(stored.includes(Buffer.from('check digit is wrong'))).toBe(false);

    const response = await decode(asJson(histories.flatMap((h) => payloadsIn(h.history))));
    expect(response.status).toBe(200);
    const text = await decodedText(response);
    for (const plain of ['Lehtosen Sähkö ja Pörssi Ky', 'EUR 464.79', customer, badBusinessId]) expect(text).toContain(plain);
  });

  test('written under one key, it is read by a codec server given a newer key as well', async () => {
    const rotated = await startCodecServer({ keys: codecKeySet([randomBytes(32), TEST_CODEC_KEY]), port: 0, uiOrigins: [UI_ORIGIN], token: TOKEN });
    try {
      const response = await decode(asJson(payloadsIn((await rawHistory(transferred)).history)), undefined, rotated.url);
      expect(response.status).toBe(200);
      expect(await decodedText(response)).toContain('EUR 464.79');
    } finally {
      await rotated.close();
    }
  });
});

describe('the codec server', () => {
  const anEncryptedPayload = async (keys = TEST_CODEC_KEYS) =>
    asJson(await createEncryptionCodec(keys).encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"NOK 1 234.50"') }]));

  test('refuses a caller without the token, or with another one', async () => {
    const body = await anEncryptedPayload();
    expect((await decode(body, {})).status).toBe(401);
    expect((await decode(body, { Authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await decode(body)).status).toBe(200);
  });

  test('answers CORS for the UI origin only, credentials and Authorization allowed', async () => {
    const preflight = (origin: string) => fetch(`${codecServer.url}/decode`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-namespace' },
    });
    const ui = await preflight(UI_ORIGIN);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ui.headers.get('access-control-allow-headers')).toMatch(/Authorization.*X-Namespace/);

    const other = await preflight('https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    // Even with the token, a page of another origin gets nothing decoded.
    const fromOther = await decode(await anEncryptedPayload(), { Authorization: `Bearer ${TOKEN}`, Origin: 'https://evil.example' });
    expect(fromOther.status).toBe(403);
    expect(await fromOther.text()).not.toContain('1 234.50');
  });

  test('with the UI origin trusted (npm start), the UI needs no token and everyone else still does', async () => {
    const local = await startCodecServer({ keys: TEST_CODEC_KEYS, port: 0, uiOrigins: [UI_ORIGIN], trustUiOrigin: true });
    try {
      const body = await anEncryptedPayload();
      const fromUi = await decode(body, { Origin: UI_ORIGIN }, local.url);
      expect(fromUi.status).toBe(200);
      expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
      expect(await decodedText(fromUi)).toBe('"NOK 1 234.50"');
      expect((await decode(body, {}, local.url)).status).toBe(401);
    } finally {
      await local.close();
    }
  });

  test('names the key id of a payload it has no key for, and what to do', async () => {
    const other = codecKeySet([randomBytes(32)]);
    const response = await decode(await anEncryptedPayload(other));
    expect(response.status).toBe(400);
    expect((await response.json() as { error: string }).error).toMatch(new RegExp(`key id ${other.ids[0]}, which this process does not have .* add that key to LEDGERBRIDGE_CODEC_KEYS`));
  });
});
