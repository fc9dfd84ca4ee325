/** A DUELL sandbox on loopback and real connectors against it: the shared setup of the DUELL connector tests. */
import { createDuell, type Duell, type DuellConfigInput } from '../../../connectors/duell';
import { memorySessionStore, type ConnectorContext } from '../../../connectors/types';
import { createLogger } from '../../../platform/log';
import { startDuellSandbox, type DuellSandbox, type NewZReport } from '../../../sandbox/duell';
import { RecordingBudget } from '../telarisHarness';

export interface Connected {
  duell: Duell;
  customerNumber: string;
  token: string;
  budget: RecordingBudget;
}

export interface Harness {
  sandbox: DuellSandbox;
  /** A fresh DUELL customer with its own token: departments OSL and BGO, product groups 10 (25 %) and 20 (15 %); page size 2. */
  aCustomer(settings?: Partial<DuellConfigInput['settings']>): Connected;
  connect(customerNumber: string, token: string, settings?: Partial<DuellConfigInput['settings']>): Connected;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sandbox = await startDuellSandbox({ seed: false });
  let n = 0;
  const connect: Harness['connect'] = (customerNumber, token, settings = {}) => {
    const budget = new RecordingBudget();
    const ctx: ConnectorContext = { tenant: 'acme-as', sessions: memorySessionStore(), budget, log: createLogger({ level: 'error', write: () => undefined }) };
    const duell = createDuell({ settings: { baseUrl: sandbox.apiUrl, customerNumber, pageSize: 2, ...settings }, credentials: { token } }, ctx);
    return { duell, customerNumber, token, budget };
  };
  return {
    sandbox,
    connect,
    aCustomer(settings) {
      n += 1;
      const customerNumber = String(4700 + n);
      const token = `duell-token-${n}-${Math.random().toString(36).slice(2)}`;
      const { admin } = sandbox;
      admin.createAccount({ customerNumber, token });
      admin.addDepartments(customerNumber, [{ id: 'OSL', name: 'Butikk Oslo' }, { id: 'BGO', name: 'Butikk Bergen' }]);
      admin.addProductGroups(customerNumber, [{ id: '10', name: 'Klær' }, { id: '20', name: 'Mat' }]);
      return connect(customerNumber, token, settings);
    },
    close: () => sandbox.close(),
  };
}

/** A day's close at one shop: sales in group 10 at 25 % and group 20 at 15 %, paid by card and cash. */
export function aDay(date: string, over: Partial<NewZReport> = {}): NewZReport {
  return {
    date, signedBy: 'Kari Nordmann', openingFloat: 1000,
    groups: [{ groupId: '10', vatCode: '3', count: 3, amount: 1250 }, { groupId: '20', vatCode: '31', count: 4, amount: 230 }],
    payments: [{ type: 'bankaxept', count: 5, amount: 1180 }, { type: 'cash', count: 2, amount: 300 }],
    ...over,
  };
}

export async function allPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

export const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (err: unknown) => err as import('../../../connectors/errors').ConnectorError);
