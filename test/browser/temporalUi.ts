/**
 * The Temporal UI in a real browser, as an operator uses it: a dev server of the file's own with its web UI (so its
 * lists hold only this file's workflows), Debian's chromium driven by playwright-core (no browser download:
 * LEDGERBRIDGE_CHROMIUM or /usr/bin/chromium), and small helpers in the operator's words: list workflows by a
 * query, open one, read its summary, details and input, send a signal through the dialog. Each helper waits
 * generously and throws when the UI never shows what it waits for; screenshots land in test-artifacts/browser/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureTemporalCli } from '../../platform/temporal-cli';
import { freePort, startDevServer, type DevServer } from '../../platform/dev-server';
import { devUiOrigins, startCodecServer, type CodecServer } from '../../platform/codecServer';
import { ledgerbridgeDataConverter } from '../../platform/dataConverter';
import { eventually } from '../harness/eventually';
import { TEST_CODEC_KEYS } from '../harness/temporal';

export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'browser');
const NAMESPACE = 'default';
const STATUS = /^\s*(Running|Completed|Failed|Canceled|Terminated|Timed Out|Continued As New)\s*$/;

export interface TemporalUi {
  /** For the stages' `connect`: a client of this file's server. */
  connect(): Promise<TestWorkflowEnvironment>;
  /** A fresh browser page (its own storage, so column settings never leak between tests), closed after the test. */
  open(): Promise<OperatorPage>;
}

/**
 * The file's dev server, its UI decoding payloads through a codec server of the file's own (the tests' key, the UI's
 * origin trusted as under `npm start`), and chromium.
 */
export function useTemporalUi(): TemporalUi {
  let server: DevServer | undefined;
  let codec: CodecServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  // Registered before the stages' hooks, so it runs first: their `connect` finds the server up.
  beforeAll(async () => {
    const [cli, uiPort] = await Promise.all([ensureTemporalCli(), freePort()]);
    codec = await startCodecServer({ keys: TEST_CODEC_KEYS, port: 0, uiOrigins: devUiOrigins(uiPort), trustUiOrigin: true });
    server = await startDevServer({ cli, port: 0, uiPort, namespace: NAMESPACE, codecEndpoint: codec.url });
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await codec?.close();
  });

  return {
    connect() {
      return TestWorkflowEnvironment.createFromExistingServer({ address: server!.address, namespace: NAMESPACE, client: { dataConverter: ledgerbridgeDataConverter(TEST_CODEC_KEYS) } });
    },
    async open() {
      const context = await browser!.newContext({ viewport: { width: 1600, height: 1000 } });
      contexts.push(context);
      return new OperatorPage(await context.newPage(), server!.uiUrl!);
    },
  };
}

/** Debian's chromium (`.ci/run` installs it), or LEDGERBRIDGE_CHROMIUM; --no-sandbox since CI runs as root. */
async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.LEDGERBRIDGE_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no chromium at ${executablePath}: apt-get install -y chromium, or set LEDGERBRIDGE_CHROMIUM to a Chromium binary`);
  }
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

/** What the UI's User Metadata tab shows, as text: the static summary and details, and the current details. */
export interface UserMetadata {
  summary: string;
  details: string;
  current: string;
}

export class OperatorPage {
  constructor(readonly page: Page, private readonly uiUrl: string) {}

  /** The workflow list filtered by a visibility query, as the query box (or a shared link) sets it. */
  async list(query: string): Promise<void> {
    await this.page.goto(`${this.uiUrl}/namespaces/${NAMESPACE}/workflows?query=${encodeURIComponent(query)}`);
    await this.page.getByTestId('workflow-count').waitFor();
  }

  /** Waits until the list for `query` shows every one of `ids` (visibility lags a little behind the server). */
  async listShows(query: string, ids: string[]): Promise<string[]> {
    return eventually(`the list for ${query} to show ${ids.join(', ')}`, async () => {
      await this.list(query);
      await this.page.locator('table').getByRole('link').first().waitFor({ timeout: 5000 }).catch(() => undefined);
      const shown = await this.listedIds();
      return ids.every((id) => shown.includes(id)) ? shown : undefined;
    });
  }

  /** The workflow ids the list shows now. */
  async listedIds(): Promise<string[]> {
    const rows = this.page.locator('table tbody tr');
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('a')?.textContent?.trim() ?? ''));
    return ids.filter((id) => id !== '');
  }

  /** Adds search-attribute columns through "Configure Workflows Table" (the gear under the list). */
  async addColumns(columns: string[], remove: string[] = []): Promise<void> {
    await this.page.getByTestId('workflows-summary-table-configuration-button').click();
    for (const column of remove) await this.page.getByRole('button', { name: `Remove ${column} column` }).click();
    for (const column of columns) await this.page.getByRole('button', { name: `Add ${column} column` }).click();
    await this.page.getByTestId('drawer-close-button').click();
    for (const column of columns) await this.page.getByTestId(`workflows-summary-table-header-cell-${column}`).waitFor();
  }

  /** The cells of one workflow's row, by column header. */
  async row(workflowId: string): Promise<Record<string, string>> {
    const headers = await this.page.locator('table thead th').allInnerTexts();
    const row = this.page.locator('table tbody tr').filter({ has: this.page.getByRole('link', { name: workflowId, exact: true }) });
    const cells = await row.locator('td').allInnerTexts();
    return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]).filter(([h]) => h !== ''));
  }

  async openWorkflow(workflowId: string): Promise<void> {
    await this.page.goto(`${this.uiUrl}/namespaces/${NAMESPACE}/workflows/${encodeURIComponent(workflowId)}`);
    await this.page.getByRole('heading', { name: workflowId }).first().waitFor();
  }

  /** Waits until the workflow's header shows the status `wanted` (Running, Completed …). */
  async waitForStatus(wanted: string): Promise<void> {
    await eventually(`the workflow to show ${wanted}`, async () => {
      await this.page.reload();
      // The header's badge has no test id; it is the page's first status word (activity badges come further down).
      const badge = this.page.locator('main').getByText(STATUS).first();
      await badge.waitFor({ timeout: 10_000 });
      const seen = (await badge.innerText()).trim();
      if (seen !== wanted) throw new Error(`the status shows ${seen}`);
      return true;
    });
  }

  /** The Input panel of the workflow's history page, parsed: what the UI shows an operator (decoded when a codec server is set). */
  async input(): Promise<unknown> {
    await this.page.getByRole('tab', { name: /History/ }).click();
    const heading = this.page.getByRole('heading', { name: 'Input', exact: true });
    await heading.waitFor();
    const text = await eventually('the Input panel to show JSON', async () => {
      const main = await this.page.locator('main').innerText();
      const match = /\nInput\n(?:⌄\n)?([\s\S]*?)\nResult\n/.exec(main);
      return match && match[1]!.trim().startsWith('{') ? match[1]! : undefined;
    });
    return JSON.parse(text);
  }

  /** The User Metadata tab, once its current details say `currentIncludes` (they come from a query the worker answers). */
  async userMetadata(currentIncludes = ''): Promise<UserMetadata> {
    return eventually(`the current details to include "${currentIncludes}"`, async () => {
      await this.page.getByRole('tab', { name: 'User Metadata' }).click();
      const frames = this.page.locator('iframe[title="output"]');
      await frames.nth(2).waitFor();
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) texts.push(await frames.nth(i).contentFrame().locator('body').innerText());
      const [summary, details, current] = texts as [string, string, string];
      if (current.trim() === '' || !current.includes(currentIncludes)) {
        await this.page.reload(); // the UI asks for current details when the page loads
        return undefined;
      }
      return { summary, details, current };
    });
  }

  /** More Actions → Send a Signal, with one JSON argument, as an operator sends `approve` or `retry`. */
  async signal(name: string, input: unknown): Promise<void> {
    await this.page.getByRole('button', { name: 'More Actions' }).click();
    await this.page.getByRole('menuitem', { name: 'Send a Signal' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Send a Signal' });
    // With a worker running, the UI knows the workflow's signals (its metadata query) and offers them to choose.
    const choice = dialog.getByTestId('signal-select-button');
    const typed = dialog.getByTestId('signal-name');
    await choice.or(typed).first().waitFor();
    if (await choice.isVisible()) {
      await choice.click();
      await dialog.getByRole('option', { name, exact: true }).click();
    } else {
      await typed.fill(name);
    }
    const editor = dialog.locator('[contenteditable="true"]');
    await editor.fill(JSON.stringify(input));
    await this.screenshot(`signal-${name}`);
    await dialog.getByTestId('confirm-modal-button').click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }
}
