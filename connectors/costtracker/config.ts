/**
 * A CostTracker connection: the organisation, the mode (CostTracker fetches the accounting transactions and matches
 * them to POs, or invoices received in CostTracker are posted to the accounting system), the fetch filter and the
 * ordered matching criteria. Settings are stored in clear, the API token encrypted.
 *
 *   ledgerbridge connections add acme-as costtracker --setting organisationId=ct-1001 --setting mode=fetch \
 *     --setting filter='{"startDate":"2026-01-01","accounts":["4000-4999","6540"],"projects":["12"]}' \
 *     --setting criteria='["po-field","po-description","supplier-project","amount-percent:10","amount-absolute:500"]' \
 *     --secret apiToken=…
 */
import { z } from 'zod';
import { AccountFilterError, parseAccountRanges } from '../../domain/matching/accountFilter';
import { parseRules, RuleError } from '../../domain/matching/rules';
import { httpConnectionSettings } from '../shared/connectionSettings';

export const MAX_PAGE_SIZE = 1000;

export const DEFAULT_CRITERIA = ['po-field', 'po-description', 'supplier-project'];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD, e.g. 2026-01-01');

export const filterSchema = z.object({
  /** Only transactions dated on or after this day. */
  startDate: isoDate.optional(),
  /** G/L accounts: intervals and single accounts, combined; empty = all. */
  accounts: z.array(z.string()).default([]).superRefine((texts, ctx) => {
    try { parseAccountRanges(texts); } catch (err) {
      if (err instanceof AccountFilterError) ctx.addIssue({ code: 'custom', message: err.message });
      else throw err;
    }
  }),
  /** 24SevenOffice project ids; empty = all. `connections test` checks each exists in CostTracker. */
  projects: z.array(z.string().min(1)).default([]),
  departments: z.array(z.string().min(1)).default([]),
}).strict();

export const settingsSchema = z.object({
  baseUrl: z.url().default('https://api.costtracker.no').transform((u) => u.replace(/\/+$/, '')),
  organisationId: z.string().min(1),
  mode: z.enum(['fetch', 'post']).default('fetch'),
  filter: filterSchema.default({ accounts: [], projects: [], departments: [] }),
  /** The enabled criteria in the order they run; the first that matches alone wins. */
  criteria: z.array(z.string()).default(DEFAULT_CRITERIA).superRefine((texts, ctx) => {
    try { parseRules(texts); } catch (err) {
      if (err instanceof RuleError) ctx.addIssue({ code: 'custom', message: err.message });
      else throw err;
    }
  }),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(500),
  ...httpConnectionSettings,
}).strict();

export const credentialsSchema = z.object({
  apiToken: z.string().min(1),
});

export const costTrackerConfig = z.object({ settings: settingsSchema, credentials: credentialsSchema });

export type CostTrackerSettings = z.output<typeof settingsSchema>;
export type CostTrackerCredentials = z.output<typeof credentialsSchema>;
export type CostTrackerConfigInput = z.input<typeof costTrackerConfig>;
export type CostTrackerFilter = z.output<typeof filterSchema>;
