/** A Severa sandbox on loopback and real connectors against it: the shared setup of the Severa connector tests. */
import { createSevera, type Severa, type SeveraConfigInput } from '../../connectors/severa';
import { memorySessionStore, type ConnectorContext, type SessionStore } from '../../connectors/types';
import { createLogger } from '../../platform/log';
import { startSeveraSandbox, type SeveraSandbox } from '../../sandbox/severa';
import { RecordingBudget } from './telarisHarness';

export interface Connected {
  severa: Severa;
  clientId: string;
  clientSecret: string;
  budget: RecordingBudget;
  sessions: SessionStore;
  /** Every log line the connector wrote (debug level included). */
  logs: string[];
}

export interface Harness {
  sandbox: SeveraSandbox;
  /** A fresh organisation with the demo customers and invoices and its own client credentials, and a connector for it. */
  anOrganization(options?: { scopes?: string[]; settings?: Partial<SeveraConfigInput['settings']> }): Connected;
  connect(clientId: string, clientSecret: string, options?: { settings?: Partial<SeveraConfigInput['settings']>; sessions?: SessionStore }): Connected;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sandbox = await startSeveraSandbox({ seed: false });
  let n = 0;
  const connect: Harness['connect'] = (clientId, clientSecret, options = {}) => {
    const budget = new RecordingBudget();
    const logs: string[] = [];
    const sessions = options.sessions ?? memorySessionStore();
    const ctx: ConnectorContext = { tenant: 'acme-oy', sessions, budget, log: createLogger({ level: 'debug', write: (line) => logs.push(line) }) };
    const severa = createSevera({ settings: { baseUrl: sandbox.url, ...options.settings }, credentials: { clientId, clientSecret } }, ctx);
    return { severa, clientId, clientSecret, budget, sessions, logs };
  };
  return {
    sandbox,
    connect,
    anOrganization(options = {}) {
      n += 1;
      const clientId = `client-${n}`;
      const clientSecret = `secret-${n}-${Math.random().toString(36).slice(2)}`;
      sandbox.admin.createOrganization({ name: `Testi ${n} Oy`, clientId, clientSecret, scopes: options.scopes, demo: true });
      return connect(clientId, clientSecret, { settings: options.settings });
    },
    close: () => sandbox.close(),
  };
}

export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
