/**
 * Severa's settings data (other-systems.md §1, "Settings data"): invoice statuses, products, work types,
 * travel-expense types, sales accounts and VAT rates, all under the settings:read scope.
 */
import type { SeveraClient } from './client';
import type { InvoiceStatus, Product, SalesAccount, TravelExpenseType, VatRate, WorkType } from './model';
import {
  invoiceStatusSchema, productSchema, salesAccountSchema, travelExpenseTypeSchema, vatRateSchema, workTypeSchema,
} from './wire';

const SETTINGS = 'settings:read';
type Since = { changedSince?: string };

export const invoiceStatuses = (client: SeveraClient): Promise<InvoiceStatus[]> =>
  client.all('/v1/invoicestatuses', invoiceStatusSchema, 'invoice status', { scope: SETTINGS });

export const products = (client: SeveraClient, query: Since = {}): AsyncGenerator<Product> =>
  client.pages('/v1/products', productSchema, 'product', { scope: SETTINGS, query: { changedSince: query.changedSince } });

export const workTypes = (client: SeveraClient, query: Since = {}): AsyncGenerator<WorkType> =>
  client.pages('/v1/worktypes', workTypeSchema, 'work type', { scope: SETTINGS, query: { changedSince: query.changedSince } });

export const travelExpenseTypes = (client: SeveraClient, query: Since = {}): AsyncGenerator<TravelExpenseType> =>
  client.pages('/v1/travelexpensetypes', travelExpenseTypeSchema, 'travel expense type', { scope: SETTINGS, query: { changedSince: query.changedSince } });

export const salesAccounts = (client: SeveraClient): Promise<SalesAccount[]> =>
  client.all('/v1/salesaccounts', salesAccountSchema, 'sales account', { scope: SETTINGS });

export const vatRates = (client: SeveraClient): Promise<VatRate[]> =>
  client.all('/v1/vatrates', vatRateSchema, 'VAT rate', { scope: SETTINGS });
