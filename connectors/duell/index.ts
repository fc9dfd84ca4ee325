/**
 * The DUELL connector: a typed client over our model of DUELL's REST API (./README.md), which the sandbox
 * (sandbox/duell) speaks on loopback. Flows call it through the `Duell` interface (./api.ts).
 */
import type { ConnectorContext } from '../types';
import type { Duell } from './api';
import { check } from './check';
import { DuellClient } from './client';
import { credentialsSchema, duellConfig, settingsSchema, type DuellConfigInput } from './config';
import { zReportPdf, zReports } from './dailySettlements';
import { invoiceBases } from './invoiceBases';
import * as masterData from './masterData';

export type { CustomerUpsert, Duell, DuellDepartment, ProductUpsert, ZReportFrom, ZReportPage, ZReportPdf } from './api';
export { credentialsSchema, duellConfig, MAX_PAGE_SIZE, settingsSchema } from './config';
export type { DuellConfigInput, DuellCredentials, DuellSettings } from './config';

export function createDuell(config: DuellConfigInput, ctx: ConnectorContext): Duell {
  const client = new DuellClient(duellConfig.parse(config), { ...ctx, log: ctx.log.child({ system: 'duell', tenant: ctx.tenant }) });
  return {
    check: () => check(client),
    departments: () => masterData.departments(client),
    zReports: (departmentId, from) => zReports(client, departmentId, from),
    zReportPdf: (report) => zReportPdf(client, report),
    invoiceBases: (query) => invoiceBases(client, query),
    customers: (query) => masterData.customers(client, query),
    products: (query) => masterData.products(client, query),
    upsertCustomer: (customer) => masterData.upsertCustomer(client, customer),
    upsertProduct: (product) => masterData.upsertProduct(client, product),
  };
}

/** What the platform registers: the system name, the split schemas (the token is stored encrypted) and the factory. */
export const duell = {
  system: 'duell' as const,
  settingsSchema,
  credentialsSchema,
  create: createDuell,
};
