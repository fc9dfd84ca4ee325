/** A CostTracker sandbox on loopback and real connectors against it: the shared setup of the CostTracker connector tests. */
import { createCostTracker, type CostTracker, type CostTrackerConfigInput } from '../../connectors/costtracker';
import { memorySessionStore, type ConnectorContext } from '../../connectors/types';
import { createLogger } from '../../platform/log';
import { startCostTrackerSandbox, type CostTrackerSandbox } from '../../sandbox/costtracker';
import { RecordingBudget } from './telarisHarness';

export interface Connected {
  costTracker: CostTracker;
  organisationId: string;
  apiToken: string;
  budget: RecordingBudget;
  /** Every log line the connector wrote (debug level included). */
  logs: string[];
}

export interface Harness {
  sandbox: CostTrackerSandbox;
  /**
   * A fresh organisation with its own token: suppliers 501–503, projects 1–3 and departments 1–2, and a connector
   * for it (page size 50 unless the settings say otherwise).
   */
  anOrganisation(options?: { poPrefix?: string; settings?: Partial<CostTrackerConfigInput['settings']> }): Connected;
  connect(organisationId: string, apiToken: string, settings?: Partial<CostTrackerConfigInput['settings']>): Connected;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sandbox = await startCostTrackerSandbox({ seed: false });
  let n = 0;
  const connect: Harness['connect'] = (organisationId, apiToken, settings = {}) => {
    const budget = new RecordingBudget();
    const logs: string[] = [];
    const ctx: ConnectorContext = { tenant: 'acme-as', sessions: memorySessionStore(), budget, log: createLogger({ level: 'debug', write: (line) => logs.push(line) }) };
    const costTracker = createCostTracker({ settings: { baseUrl: sandbox.url, organisationId, pageSize: 50, ...settings }, credentials: { apiToken } }, ctx);
    return { costTracker, organisationId, apiToken, budget, logs };
  };
  return {
    sandbox,
    connect,
    anOrganisation(options = {}) {
      n += 1;
      const organisationId = `ct-${n}`;
      const apiToken = `ct-token-${n}-${Math.random().toString(36).slice(2)}`;
      const { admin } = sandbox;
      admin.createOrganisation({ id: organisationId, apiToken, poPrefix: options.poPrefix });
      admin.addSuppliers(organisationId, [501, 502, 503].map((id) => ({ id: String(id), name: `Leverandør ${id} AS` })));
      admin.addProjects(organisationId, [1, 2, 3].map((id) => ({ id: String(id), name: `Prosjekt ${id}` })));
      admin.addDepartments(organisationId, [1, 2].map((id) => ({ id: String(id), name: `Avdeling ${id}` })));
      return connect(organisationId, apiToken, options.settings);
    },
    close: () => sandbox.close(),
  };
}

export async function allPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

export const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (err: unknown) => err as import('../../connectors/errors').ConnectorError);
