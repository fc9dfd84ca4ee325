/**
 * A tenant's batch settings (tenant settings key `batch`), with the defaults an operator gets when unset:
 * `ledgerbridge tenants add acme-as --setting batch='{"postingMode":"approval","chunkSize":200}'`.
 */
import { z } from 'zod';
import { parseSettingsKey } from '../settingsKey';
import { POSTING_MODES } from './flow';

/** "30 seconds", "5 minutes", "1 day": what Temporal timers take. */
const duration = z.string().regex(/^\d+(\.\d+)?\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)$/, 'a duration like "5 minutes" or "1 day"');

export const batchSettingsSchema = z.object({
  /** Connection names (e.g. "telaris", "24so"); default: the tenant's only connection of that system. */
  source: z.string().optional(),
  target: z.string().optional(),
  postingMode: z.enum(POSTING_MODES).default('journal'),
  /** Vouchers per SaveBundleList call. */
  chunkSize: z.number().int().min(1).max(2000).default(250),
  /** SaveBundleList calls in flight at once. */
  sendConcurrency: z.number().int().min(1).max(8).default(2),
  /** The journal wait's first look; it backs off while nothing is posted… */
  pollEvery: duration.default('5 minutes'),
  /** …up to this interval… */
  pollAtMost: duration.default('1 hour'),
  /** …and spends at most this many 24SevenOffice requests an hour (144 = 2 % of 7 200). */
  pollRequestsPerHour: z.number().int().min(1).max(7200).default(144),
  remindEvery: duration.default('1 day'),
  /** Accounts whose lines carry the customer or supplier (sub-ledger), e.g. receivables and payables. */
  subledgerAccounts: z.array(z.number().int()).default([1500, 2400]),
}).strict();

export type BatchSettings = z.output<typeof batchSettingsSchema>;

export function batchSettings(tenantSettings: Record<string, unknown>, tenant: string): BatchSettings {
  return parseSettingsKey(batchSettingsSchema, 'batch', tenantSettings, tenant);
}
