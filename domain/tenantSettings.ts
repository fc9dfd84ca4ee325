/**
 * The keys of a tenant's settings whose shape is known, one per flow: `tenants settings` refuses a bad value with
 * the field named rather than letting the next run fail on it. A new flow adds its key here.
 */
import type { ZodType } from 'zod';
import { batchSettingsSchema } from './batch/settings';
import { invoiceSettingsSchema } from './invoice/settings';
import { matchingSettingsSchema } from './matching/settings';
import { duellSettingsSchema } from './settlement/settings';

export const TENANT_SETTING_SCHEMAS: Record<string, ZodType<unknown>> = {
  batch: batchSettingsSchema,
  severa: invoiceSettingsSchema,
  matching: matchingSettingsSchema,
  duell: duellSettingsSchema,
};
