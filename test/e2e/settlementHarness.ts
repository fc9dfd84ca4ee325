/**
 * The stage for daily-settlement end-to-end tests (DUELL Z-reports → 24SevenOffice vouchers): the DUELL and
 * 24SevenOffice sandboxes on loopback (fresh per test, the demo seeds: DUELL's chain with departments OSL and BGO,
 * 24SevenOffice's two companies, Demo Handel AS (client 1001) and Demo Kafé AS (client 1002)), the database, a
 * tenant with a DUELL connection and a 24SevenOffice connection per company, the settlement's mappings, and a real
 * worker per test. Helpers speak the operator's language: run the settlement, read the ledger and the export log.
 */
import type { RunSummary } from '../../activities/settlement';
import { settlementRunResult, settlementView, startSettlementRun } from '../../client/settlements';
import { createConnectionRepo, createExportLogRepo, createMappingRepo, createSettlementRepo, createTenantRepo, ROUTES, type ExportLogRow, type Settlement } from '../../db/repos';
import { SETTLEMENT_FLOW } from '../../domain/settlement/flow';
import { DEMO_CREDENTIALS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { DEMO_DUELL, startDuellSandbox, type DuellSandbox } from '../../sandbox/duell';
import { DEMO_SETTLEMENT_ACCOUNTS } from '../../worker/demoTenant';
import type { SettlementRunInput } from '../../workflows/settlementRun';
import type { SettlementView } from '../../workflows/settlement';
import { extendStage, FAST, useSandboxStage, type SandboxStage, type SandboxStageOptions } from '../harness/sandboxStage';

/** The sandbox's two companies: the 24SevenOffice connections `24so` and `24so-kafe`. */
export const HANDEL = 1001;
export const KAFE = 1002;
const KAFE_IDENTITY = DEMO_CREDENTIALS.identities.find((i) => i.clientId === KAFE)!.id;
/** Voucher type 6 "Kasse / dagsoppgjør" of the sandbox, series 6. */
export const SETTLEMENT_TYPE = 6;

/** Where each part of the demo chain's reports lands: the demo tenant's accounts (worker/demoTenant.ts). */
export const ACCOUNTS: Record<string, string> = DEMO_SETTLEMENT_ACCOUNTS;

export interface LedgerLine {
  accountNo: number;
  amount: number;
  departmentId?: number;
  stampNo: number;
}

export interface SettlementStage extends SandboxStage<{ tso: TwentyFourSevenOfficeSandbox; duell: DuellSandbox }> {
  readonly tso: TwentyFourSevenOfficeSandbox;
  readonly duell: DuellSandbox;
  /** Replaces the tenant's `duell.departments`. */
  departments(departments: Record<string, Record<string, unknown>>): Promise<void>;
  /** `ledgerbridge mappings set <tenant> settlement-account k=v … --source duell`. */
  mapAccounts(accounts: Record<string, string>): Promise<void>;
  unmapAccount(source: string): Promise<void>;
  run(options?: Omit<SettlementRunInput, 'tenant'>): Promise<RunSummary>;
  startRun(options?: Omit<SettlementRunInput, 'tenant'>): Promise<string>;
  row(departmentId: string, zNumber: number): Promise<Settlement | undefined>;
  waitForStage(departmentId: string, zNumber: number, stage: string, timeoutMs?: number): Promise<SettlementView>;
  /** A company's ledger, per transaction number. */
  ledger(clientId?: number): Map<number, LedgerLine[]>;
  /** The tenant's settlement lines of the export log, oldest first. */
  exportLog(): Promise<ExportLogRow[]>;
}

/**
 * `inProcessWorker: false` for tests that run the worker in a child process (test/harness/childWorker.ts);
 * `connect`: another Temporal server than the run's (the browser suite's, with its UI).
 */
export function useSettlementStage(options: Pick<SandboxStageOptions<unknown>, 'inProcessWorker' | 'connect'> = {}): SettlementStage {
  const base = useSandboxStage({
    taskQueuePrefix: 'settlement',
    ...options,
    start: async () => {
      const [tso, duell] = await Promise.all([startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }), startDuellSandbox({ port: 0, seed: true })]);
      return { tso, duell };
    },
    close: ({ tso, duell }) => Promise.all([tso.close(), duell.close()]),
    async setUp({ tenant, db, secrets, sandboxes: { tso, duell } }) {
      const connections = createConnectionRepo(db, secrets);
      const { applicationId, username, password } = DEMO_CREDENTIALS;
      const at = { apiBaseUrl: tso.url, webservicesBaseUrl: tso.url, ...FAST };
      await connections.add(tenant, '24sevenoffice', '24so', at, { applicationId, username, password });
      await connections.add(tenant, '24sevenoffice', '24so-kafe', { ...at, identityId: KAFE_IDENTITY }, { applicationId, username, password });
      await connections.add(tenant, 'duell', 'duell', { baseUrl: duell.apiUrl, customerNumber: DEMO_DUELL.customerNumber, ...FAST }, { token: DEMO_DUELL.token });
      await stage.departments({ OSL: { company: '24so', department: 2, saveTo: 'ledger' } });
      await createMappingRepo(db).set(tenant, ROUTES.duellTo24so, 'voucher-type', 'cashSettlement', String(SETTLEMENT_TYPE));
      await stage.mapAccounts(ACCOUNTS);
    },
  });
  const stage: SettlementStage = extendStage<SettlementStage, typeof base>(base, {
    get tso() { return base.sandboxes.tso; },
    get duell() { return base.sandboxes.duell; },
    async departments(departments) {
      await createTenantRepo(base.db).updateSettings(base.tenant, { duell: { departments } });
    },
    async mapAccounts(accounts) {
      const repo = createMappingRepo(base.db);
      for (const [source, target] of Object.entries(accounts)) await repo.set(base.tenant, ROUTES.duellTo24so, 'settlement-account', source, target);
    },
    async unmapAccount(source) {
      await createMappingRepo(base.db).remove(base.tenant, ROUTES.duellTo24so, 'settlement-account', source);
    },
    async run(options = {}) {
      return settlementRunResult(base.env.client, await stage.startRun(options));
    },
    async startRun(options = {}) {
      return (await startSettlementRun(base.env.client, base.tenant, options, base.taskQueue)).workflowId;
    },
    row(departmentId, zNumber) {
      return createSettlementRepo(base.db).find(base.tenant, departmentId, zNumber);
    },
    async waitForStage(departmentId, zNumber, wanted, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last: SettlementView | undefined;
      while (Date.now() < deadline) {
        last = await settlementView(base.env.client, base.tenant, departmentId, zNumber).catch(() => undefined);
        if (last?.stage === wanted) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${departmentId} Z ${zNumber} did not reach ${wanted} within ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
    },
    ledger(clientId = HANDEL) {
      const out = new Map<number, LedgerLine[]>();
      for (const line of base.sandboxes.tso.admin.transactions(clientId)) {
        const no = Number(line.TransactionNo);
        const department = (line.Dimensions as { Type: string; Value: string }[] | undefined)?.find((d) => d.Type === 'Department');
        out.set(no, [...(out.get(no) ?? []), {
          accountNo: Number(line.AccountNo), amount: Math.round(Number(line.Amount) * 100),
          departmentId: department ? Number(department.Value) : undefined, stampNo: Number(line.StampNo),
        }]);
      }
      return out;
    },
    async exportLog() {
      return (await createExportLogRepo(base.db).list({ tenant: base.tenant, flow: SETTLEMENT_FLOW, limit: 1000 })).reverse();
    },
  });
  return stage;
}
