/** A Telaris sandbox on loopback and real connectors against it: the shared setup of the Telaris connector tests. */
import { createTelaris, type Telaris, type TelarisConfigInput } from '../../connectors/telaris';
import type { ConnectorContext, RequestBudget, SystemName } from '../../connectors/types';
import { memorySessionStore } from '../../connectors/types';
import { createLogger } from '../../platform/log';
import { startTelarisSandbox, type TelarisSandbox } from '../../sandbox/telaris';

/** Records what the connector asks of the tenant's budget; never refuses. */
export class RecordingBudget implements RequestBudget {
  taken = 0;
  quarantines: Array<{ system: SystemName; until: Date; reason: string }> = [];
  async take(): Promise<void> {
    this.taken += 1;
  }
  async quarantine(system: SystemName, until: Date, reason: string): Promise<void> {
    this.quarantines.push({ system, until, reason });
  }
}

export interface Harness {
  sandbox: TelarisSandbox;
  /** The sandbox clock; tests move it to cross a month. */
  clock: { now: Date };
  /** A fresh company with its own token, and a connector for it. */
  aCompany(options?: { customers?: number; settings?: Partial<TelarisConfigInput['settings']> }): Connected;
  connect(companyNo: string, apiToken: string, settings?: Partial<TelarisConfigInput['settings']>): Connected;
  close(): Promise<void>;
}

export interface Connected {
  telaris: Telaris;
  companyNo: string;
  apiToken: string;
  budget: RecordingBudget;
  /** Every log line the connector wrote (debug level included). */
  logs: string[];
}

export async function startHarness(): Promise<Harness> {
  const clock = { now: new Date('2026-11-15T10:00:00Z') };
  const sandbox = await startTelarisSandbox({ now: () => clock.now });
  let n = 0;
  const connect = (companyNo: string, apiToken: string, settings: Partial<TelarisConfigInput['settings']> = {}): Connected => {
    const budget = new RecordingBudget();
    const logs: string[] = [];
    const ctx: ConnectorContext = {
      tenant: 'acme-as',
      sessions: memorySessionStore(),
      budget,
      log: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
    };
    const telaris = createTelaris({ settings: { baseUrl: sandbox.url, companyNo, ...settings }, credentials: { apiToken } }, ctx);
    return { telaris, companyNo, apiToken, budget, logs };
  };
  return {
    sandbox,
    clock,
    connect,
    aCompany(options = {}) {
      n += 1;
      const companyNo = `T${n}`;
      const apiToken = `secret-token-${n}-${Math.random().toString(36).slice(2)}`;
      sandbox.admin.createCompany({ companyNo, apiToken, customers: options.customers ?? 10 });
      return connect(companyNo, apiToken, options.settings);
    },
    close: () => sandbox.close(),
  };
}
