/**
 * Secrets stay secret in every flow: `npm start`'s demo tenant runs each flow with the sandboxes' known
 * credentials (connection checks of all six systems, the accounting batch, the daily settlement, the invoice
 * transfer, the purchase-order matching), and none of those values, nor the stack's own secret and payload keys,
 * appears in any workflow history (its payloads decrypted too), search attribute or memo, in the stack's log lines,
 * on its metrics endpoint, or in any CLI output. A positive control proves the search reads what it searches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCodecKeys } from '../../platform/codecKeys';
import { DEMO_SECRETS } from '../histories/secrets';
import { runCli, type CliResult } from '../cli/run';
import { decryptedHistoryText, historyText } from '../harness/historyText';
import { useEmbeddedStack } from './embeddedStack';

jest.setTimeout(300_000);

const stack = useEmbeddedStack('lb-secrets-');


/** The names of the secrets `text` holds. */
function leaked(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets).filter(([, value]) => text.includes(value)).map(([name]) => name);
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 1000))) {
    const value = await read();
    if (value !== undefined) return value;
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}

test('no credential, secret key or payload key of the demo appears in histories, search attributes, memos, logs, metrics or CLI output', async () => {
  const running = stack.start();
  await running.ready;
  const outputs: CliResult[] = [];
  const cli = async (...args: string[]) => {
    const result = await runCli(args, stack.env);
    outputs.push(result);
    return result;
  };

  // Every flow, as an operator runs it.
  for (const connection of ['24so', 'telaris', 'severa', 'talenom', 'costtracker', 'duell']) await cli('connections', 'test', 'demo', connection);
  const closed = await cli('batch', 'close', 'demo', '--json');
  expect(closed.code).toBe(0);
  expect((await cli('batch', 'export', 'demo', JSON.parse(closed.stdout).id, '--wait')).code).toBe(0);
  expect((await cli('matching', 'refresh', 'demo', '--wait')).code).toBe(0);
  await until('the first start\'s invoice transfer and settlement', async () => {
    const invoices = JSON.parse((await cli('invoices', 'list', 'demo', '--json')).stdout || '[]') as { stage: string }[];
    const settlements = JSON.parse((await cli('settlements', 'list', 'demo', '--json')).stdout || '[]') as { stage: string }[];
    const done = invoices.filter((i) => i.stage === 'transferred').length >= 4 && settlements.length >= 5 && settlements.every((s) => ['posted', 'needs-attention'].includes(s.stage));
    return done ? true : undefined;
  });
  for (const args of [['tenants', 'show', 'demo'], ['connections', 'list', 'demo'], ['log', 'demo'], ['status', 'demo'], ['workflows', 'list', '--tenant', 'demo', '--json'], ['schedules', 'list']]) await cli(...args);

  // What Temporal keeps of every workflow of the demo: its history (payloads decrypted), search attributes and memo.
  const keys = loadCodecKeys({ dataDir: stack.dataDir, env: {} }).keys;
  const { texts, flows } = await stack.client(async (client) => {
    const found: string[] = [];
    const seen = new Set<string>();
    for await (const wf of client.workflow.list({ query: `Tenant = 'demo'` })) {
      seen.add(String(wf.searchAttributes.Flow?.[0] ?? ''));
      const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
      found.push(await decryptedHistoryText(history, keys), historyText(wf.searchAttributes), historyText(wf.memo ?? {}));
    }
    return { texts: found, flows: seen };
  });
  expect([...flows]).toEqual(expect.arrayContaining(['connection-check', 'batch', 'duell', 'invoice-transfer', 'matching']));
  const histories = texts.join('\n');
  // The positive control: the decrypted histories do hold the demo's business data (a Severa customer's name).
  expect(histories).toContain('Mäkelän Rakennus Oy');

  const metrics = await (await fetch(`http://${stack.env.LEDGERBRIDGE_METRICS_ADDRESS}/metrics`)).text();
  expect(metrics).toContain('ledgerbridge_external_calls');
  running.child.kill('SIGINT');
  expect(await running.exited).toBe(0);

  const secrets = {
    ...DEMO_SECRETS,
    'the secret key': fs.readFileSync(path.join(stack.dataDir, 'secret.key'), 'utf8').trim(),
    'the payload key': fs.readFileSync(path.join(stack.dataDir, 'codec.keys'), 'utf8').trim().split('\n')[0]!.trim(),
  };
  expect(leaked(histories, secrets)).toEqual([]);
  expect(leaked(running.output(), secrets)).toEqual([]);
  expect(leaked(metrics, secrets)).toEqual([]);
  expect(leaked(outputs.map((o) => o.stdout + o.stderr).join('\n'), secrets)).toEqual([]);
});
