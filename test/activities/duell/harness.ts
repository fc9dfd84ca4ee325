/**
 * The settlement's sync activities against real sandboxes on loopback, without Temporal: the DUELL sandbox (a fresh
 * chain per test: departments OSL and BGO, product groups 10 and 20) and the 24SevenOffice sandbox (the demo seed,
 * fresh per test), the database, and a tenant with both connections and its `duell` settings.
 */
import { randomBytes } from 'node:crypto';
import type { TwentyFourSevenOffice } from '../../../connectors/24sevenoffice';
import type { Duell } from '../../../connectors/duell';
import type { ActivityDeps } from '../../../activities/deps';
import { openConnector } from '../../../activities/openConnector';
import { createConnectionRepo, createExportLogRepo, createMappingRepo, createTenantRepo, ROUTES } from '../../../db/repos';
import { createLogger } from '../../../platform/log';
import { DEMO_CREDENTIALS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../../sandbox/24sevenoffice';
import { startDuellSandbox, type DuellSandbox } from '../../../sandbox/duell';
import { aSecretBox, useTestDatabase } from '../../db/testDatabase';

/** The sandboxes answer at once: the request budget need not pace the tests. */
const FAST = { budget: { perSecond: 500 } };

export interface DuellSync {
  readonly tenant: string;
  readonly deps: ActivityDeps;
  readonly duellSandbox: DuellSandbox;
  /** DUELL's customer number of this test's chain. */
  readonly chain: string;
  /** Sets the tenant's settings for DUELL department OSL (24SevenOffice department 2) over the defaults. */
  settle(department: Record<string, unknown>): Promise<void>;
  /** The real connectors, to arrange and read each side. */
  duell(): Promise<Duell>;
  tso(): Promise<TwentyFourSevenOffice>;
  /** The tenant's export-log lines of the flow `duell`, oldest first. */
  log(): Promise<{ sourceId: string; outcome: string; message: string | null; targetId: string | null }[]>;
  ref(): { tenant: string; department: string; workflowId: string };
}

export function useDuellSync(): DuellSync {
  const store = useTestDatabase();
  const secrets = aSecretBox();
  const deps = () => ({ db: store.db, secrets, log: createLogger({ level: 'error', write: () => undefined }) });
  let duellSandbox: DuellSandbox;
  let tsoSandbox: TwentyFourSevenOfficeSandbox;
  let tenant = '';
  let chain = '';
  let n = 0;

  beforeAll(async () => {
    duellSandbox = await startDuellSandbox({ seed: false });
  });
  afterAll(async () => {
    await duellSandbox?.close();
  });
  beforeEach(async () => {
    tsoSandbox = await startTwentyFourSevenOfficeSandbox({ port: 0, seed: true });
    tenant = `as-${randomBytes(4).toString('hex')}`;
    chain = String(5800 + ++n);
    const token = `duell-token-${randomBytes(6).toString('hex')}`;
    duellSandbox.admin.createAccount({ customerNumber: chain, token });
    duellSandbox.admin.addDepartments(chain, [{ id: 'OSL', name: 'Butikk Oslo' }, { id: 'BGO', name: 'Butikk Bergen' }]);
    duellSandbox.admin.addProductGroups(chain, [{ id: '10', name: 'Klær' }, { id: '20', name: 'Mat' }]);
    await createTenantRepo(store.db).add({ id: tenant, name: 'Demo Handel AS' });
    const connections = createConnectionRepo(store.db, secrets);
    const { applicationId, username, password } = DEMO_CREDENTIALS;
    await connections.add(tenant, '24sevenoffice', '24so', { apiBaseUrl: tsoSandbox.url, webservicesBaseUrl: tsoSandbox.url, ...FAST }, { applicationId, username, password });
    await connections.add(tenant, 'duell', 'duell', { baseUrl: duellSandbox.apiUrl, customerNumber: chain, pageSize: 2, ...FAST }, { token });
    // DUELL's product groups are 24SevenOffice's categories 1 (Varer) and 2 (Tjenester).
    const mappings = createMappingRepo(store.db);
    await mappings.set(tenant, ROUTES.duellTo24so, 'product-category', '10', '1');
    await mappings.set(tenant, ROUTES.duellTo24so, 'product-category', '20', '2');
  });
  afterEach(async () => {
    await tsoSandbox?.close();
  });

  const connector = async <C>(name: string) => (await openConnector(deps(), tenant, `${tenant}:${name}`)).connector as C;
  return {
    get tenant() { return tenant; },
    get deps() { return deps(); },
    get duellSandbox() { return duellSandbox; },
    get chain() { return chain; },
    async settle(department) {
      await createTenantRepo(store.db).updateSettings(tenant, { duell: { departments: { OSL: { department: 2, zReport: false, ...department } } } });
    },
    duell: () => connector<Duell>('duell'),
    tso: () => connector<TwentyFourSevenOffice>('24so'),
    async log() {
      const rows = await createExportLogRepo(store.db).list({ tenant, flow: 'duell', limit: 1000 });
      return rows.reverse().map((r) => ({ sourceId: r.sourceId, outcome: r.outcome, message: r.message, targetId: r.targetId }));
    },
    ref: () => ({ tenant, department: 'OSL', workflowId: `${tenant}/settlement-test` }),
  };
}

/** A DUELL customer, each with its own organisation number: 24SevenOffice matches a company without a link by it. */
export const aCustomer = (number: string, over: Record<string, unknown> = {}) =>
  ({ number, name: `Kunde ${number}`, orgNo: `9123456${number.slice(-1).padStart(2, '0')}`, email: `k${number}@example.no`, ...over });
