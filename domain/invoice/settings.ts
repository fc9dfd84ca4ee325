/**
 * A tenant's invoice-transfer settings (tenant settings key `severa`), Visma Severa → Talenom:
 *
 *   ledgerbridge tenants settings acme-oy severa='{"waitingStatus":"Odottaa siirtoa Talenomiin",
 *     "transferredStatus":"Siirretty Talenomiin","transferSchedule":{"at":["06:00"]},"salesAccountsInUse":true}'
 *
 * Product, work-type, travel-expense and sales-account codes that differ between the two systems are mappings on
 * the route severa → talenom (`ledgerbridge mappings set acme-oy product KONS=K100 --source severa --target
 * talenom`), like every other flow's; codes equal in both need no mapping.
 */
import { z } from 'zod';
import { parseSettingsKey } from '../settingsKey';
import { scheduleSettingSchema } from '../schedule';

export const invoiceSettingsSchema = z.object({
  /** Connection names; default: the tenant's only connection of that system. */
  source: z.string().optional(),
  target: z.string().optional(),
  /** The Severa status an invoice waits in; `connections test` checks that it exists. */
  waitingStatus: z.string().min(1).default('Waiting for transfer to Talenom'),
  /** The Severa status a transferred invoice is set to. */
  transferredStatus: z.string().min(1).default('Transferred to Talenom'),
  /** Talenom's agreed transfer time. */
  transferSchedule: scheduleSettingSchema.default({ at: ['06:00'], timezone: 'Europe/Helsinki' }),
  /** Products, work types and travel expenses → Talenom's product register. */
  productsSchedule: scheduleSettingSchema.default({ at: ['05:00'], timezone: 'Europe/Helsinki' }),
  /** Open items and payments → Talenom's sales ledger. */
  salesLedgerSchedule: scheduleSettingSchema.default({ at: ['05:30'], timezone: 'Europe/Helsinki' }),
  /** With sales accounts in use, each row's sales account and VAT % must match Talenom's sales ledger. */
  salesAccountsInUse: z.boolean().default(false),
  /** Invoices transferred at once by one run (children in flight). */
  concurrency: z.number().int().min(1).max(20).default(4),
}).strict();

export type InvoiceSettings = z.output<typeof invoiceSettingsSchema>;

export function invoiceSettings(tenantSettings: Record<string, unknown>, tenant: string): InvoiceSettings {
  return parseSettingsKey(invoiceSettingsSchema, 'severa', tenantSettings, tenant);
}
