/**
 * Shared fixtures for the 24SevenOffice connector suites: a sandbox over loopback, a connector pointed at it,
 * a budget that records what the connector asked of it, and small domain builders for vouchers.
 *
 * Every request a suite's connector sends is recorded and, when the sandbox closes, validated against the real
 * WSDLs' schemas (test/harness/tsoRequestSchema.ts): a request off the real wire fails the test that sent it.
 */
import { createTwentyFourSevenOffice, type Bundle, type TwentyFourSevenOffice, type Voucher } from '../../connectors/24sevenoffice';
import type { TwentyFourSevenOfficeConfigInput } from '../../connectors/24sevenoffice';
import { memorySessionStore, type ConnectorContext, type RequestBudget, type SessionStore, type SystemName } from '../../connectors/types';
import { silentLogger } from '../../platform/log';
import { DEMO_CREDENTIALS, startTwentyFourSevenOfficeSandbox, type RecordedRequest, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { describeInvalid, invalidRequests, tsoWsdlAvailable } from '../harness/tsoRequestSchema';

export { DEMO_CREDENTIALS };
export const DEMO_HANDEL = DEMO_CREDENTIALS.identities[0];
export const DEMO_KAFE = DEMO_CREDENTIALS.identities[1];

export interface RecordingBudget extends RequestBudget {
  taken: number;
  quarantines: Array<{ system: SystemName; until: Date; reason: string }>;
}

export function recordingBudget(): RecordingBudget {
  const budget: RecordingBudget = {
    taken: 0,
    quarantines: [],
    async take(_system, requests = 1) { budget.taken += requests; },
    async quarantine(system, until, reason) { budget.quarantines.push({ system, until, reason }); },
  };
  return budget;
}

export interface Harness {
  /** Its close() also validates every request it received against the real schemas, and throws if one is off. */
  sandbox: TwentyFourSevenOfficeSandbox;
  /** The SOAP requests received so far. */
  requests: RecordedRequest[];
  /** A test that sends an invalid value on purpose (to see the service's fault) names the operation here. */
  offWire(operation: string): void;
  /** A connector for the demo user; `overrides` change settings or credentials. */
  connect(overrides?: { settings?: Partial<TwentyFourSevenOfficeConfigInput['settings']>; credentials?: Partial<TwentyFourSevenOfficeConfigInput['credentials']>; sessions?: SessionStore; tenant?: string }): Connected;
}

export interface Connected {
  connector: TwentyFourSevenOffice;
  ctx: ConnectorContext & { budget: RecordingBudget };
}

type Overrides = Parameters<Harness['connect']>[0];

export async function startHarness(options: Parameters<typeof startTwentyFourSevenOfficeSandbox>[0] = {}): Promise<Harness> {
  const requests: RecordedRequest[] = [];
  const offWire = new Set<string>();
  const started = await startTwentyFourSevenOfficeSandbox({ ...options, onRequest: (r) => { requests.push(r); options.onRequest?.(r); } });
  const sandbox = {
    ...started,
    async close() {
      await started.close();
      const checked = requests.filter((r) => !offWire.has(r.soapAction.slice(r.soapAction.lastIndexOf('/') + 1)));
      const invalid = tsoWsdlAvailable() ? invalidRequests(checked) : [];
      if (invalid.length > 0) throw new Error(`requests off the real 24SevenOffice wire:\n${describeInvalid(invalid)}`);
    },
  };
  return { sandbox, requests, offWire: (operation) => void offWire.add(operation), connect: (overrides) => connectTo(sandbox.url, overrides) };
}

/** A connector for the demo user at `url` (both hosts), with a recording budget and a silent log. */
export function connectTo(url: string, overrides: Overrides = {}): Connected {
  const ctx = { tenant: overrides.tenant ?? 'acme', sessions: overrides.sessions ?? memorySessionStore(), budget: recordingBudget(), log: silentLogger };
  const connector = createTwentyFourSevenOffice({
    settings: { apiBaseUrl: url, webservicesBaseUrl: url, timeoutMs: 5000, ...overrides.settings },
    credentials: { applicationId: DEMO_CREDENTIALS.applicationId, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, ...overrides.credentials },
  }, ctx);
  return { connector, ctx };
}

/** Calls of one SOAP operation the sandbox has handled so far. */
export function calls(h: Harness, operation: string): number {
  return h.sandbox.admin.state().calls[operation] ?? 0;
}

/** A balanced cash sale: debit bank, credit sales (no VAT code, so no automatic VAT lines). */
export function aCashSale(transactionNo: number, options: { date?: string; amount?: number; departmentId?: number; projectId?: number } = {}): Voucher {
  const amount = options.amount ?? 125050;
  return {
    transactionNo,
    date: options.date ?? '2026-03-02',
    entries: [
      { accountNo: 1920, amount, comment: `sale ${transactionNo}`, departmentId: options.departmentId, projectId: options.projectId },
      { accountNo: 3100, amount: -amount, comment: `sale ${transactionNo}`, departmentId: options.departmentId, projectId: options.projectId },
    ],
  };
}

export function aBundle(vouchers: Voucher[], voucherType = 6): Bundle {
  return { yearId: Number(vouchers[0]!.date.slice(0, 4)), voucherType, name: 'ledgerbridge test', vouchers };
}

/** The journal bundle (SaveOption=1) holding a voucher, as the sandbox admin sees it. */
export function journalBundleOf(h: Harness, clientId: number, transactionNo: number) {
  return h.sandbox.admin.tenant(clientId).journal.find((b) => b.vouchers.some((v) => v.transactionNo === transactionNo));
}
