/**
 * A tenant's purchase-order matching settings (tenant settings key `matching`), 24SevenOffice ↔ CostTracker. The
 * CostTracker connection holds what CostTracker's own setup holds (mode, fetch filter, criteria); this key says
 * which connections, when the nightly sync runs, and how post mode books an invoice:
 *
 *   ledgerbridge tenants settings acme-as matching='{"schedule":{"at":["02:00"],"timezone":"Europe/Oslo"}}'
 *   ledgerbridge tenants settings acme-as matching='{"post":{"saveTo":"journal","voucherType":3}}'
 */
import { z } from 'zod';
import { parseSettingsKey } from '../settingsKey';
import { scheduleSettingSchema } from '../schedule';

export const postingSettingsSchema = z.object({
  /** `ledger` posts at once (SaveOption 0); `journal` leaves the voucher for the accountant to post. */
  saveTo: z.enum(['journal', 'ledger']).default('ledger'),
  /** 24SevenOffice voucher type (TypeNo) of supplier invoices ("Inngående faktura"). */
  voucherType: z.number().int().positive().default(3),
  /** The supplier ledger account the invoice total is credited to. */
  supplierAccount: z.number().int().min(1000).max(9999).default(2400),
  /** Invoices posted at once by one run. */
  concurrency: z.number().int().min(1).max(20).default(4),
}).strict();

export const matchingSettingsSchema = z.object({
  /** Connection names; default: the tenant's only connection of that system. */
  accounting: z.string().optional(),
  costtracker: z.string().optional(),
  /** The nightly sync (fetch mode: master data, transactions, matching; post mode: posting). */
  schedule: scheduleSettingSchema.default({ at: ['02:00'], timezone: 'Europe/Oslo' }),
  /** Fetch mode's first read goes back to the filter's start date in windows of this many days of entry dates. */
  windowDays: z.number().int().min(1).max(92).default(7),
  post: postingSettingsSchema.default({ saveTo: 'ledger', voucherType: 3, supplierAccount: 2400, concurrency: 4 }),
}).strict();

export type MatchingSettings = z.output<typeof matchingSettingsSchema>;
export type PostingSettings = z.output<typeof postingSettingsSchema>;

export function matchingSettings(tenantSettings: Record<string, unknown>, tenant: string): MatchingSettings {
  return parseSettingsKey(matchingSettingsSchema, 'matching', tenantSettings, tenant);
}
