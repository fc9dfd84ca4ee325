/**
 * The CostTracker connector: a typed client over our model of CostTracker's REST API (./README.md), which the
 * sandbox (sandbox/costtracker) speaks on loopback. Flows call it through the `CostTracker` interface (./api.ts).
 */
import type { ConnectorContext } from '../types';
import type { CostTracker } from './api';
import { check } from './check';
import { CostTrackerClient } from './client';
import { costTrackerConfig, credentialsSchema, settingsSchema, type CostTrackerConfigInput } from './config';
import { putMatches, matches } from './matches';
import * as masterData from './masterData';
import { purchaseOrders } from './purchaseOrders';
import { markPosted, receivedInvoice, receivedInvoices } from './receivedInvoices';
import { putTransactions } from './transactions';

export type { CostTracker } from './api';
export type * from './model';
export { costTrackerConfig, credentialsSchema, DEFAULT_CRITERIA, MAX_PAGE_SIZE, settingsSchema } from './config';
export type { CostTrackerConfigInput, CostTrackerCredentials, CostTrackerFilter, CostTrackerSettings } from './config';

export function createCostTracker(config: CostTrackerConfigInput, ctx: ConnectorContext): CostTracker {
  const client = new CostTrackerClient(costTrackerConfig.parse(config), { ...ctx, log: ctx.log.child({ system: 'costtracker', tenant: ctx.tenant }) });
  return {
    check: () => check(client),
    organisation: () => masterData.organisation(client),
    suppliers: () => masterData.suppliers(client),
    projects: () => masterData.projects(client),
    departments: () => masterData.departments(client),
    purchaseOrders: (query) => purchaseOrders(client, query),
    putSuppliers: (items) => masterData.putMasterData(client, 'suppliers', items),
    putProjects: (items) => masterData.putMasterData(client, 'projects', items),
    putDepartments: (items) => masterData.putMasterData(client, 'departments', items),
    putTransactions: (transactions) => putTransactions(client, transactions),
    putMatches: (records) => putMatches(client, records),
    matches: (query) => matches(client, query),
    receivedInvoices: (query) => receivedInvoices(client, query),
    receivedInvoice: (id) => receivedInvoice(client, id),
    markPosted: (id, voucherNo) => markPosted(client, id, voucherNo),
  };
}

/** What the platform registers: the system name, the split schemas (credentials are stored encrypted) and the factory. */
export const costTracker = {
  system: 'costtracker' as const,
  settingsSchema,
  credentialsSchema,
  create: createCostTracker,
};
