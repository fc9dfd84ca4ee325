/**
 * A Visma Severa connection: settings (stored in clear) and credentials (stored encrypted). Client credentials
 * are created in Severa under Settings → Integrations → REST API, with the scopes below
 * (../../../shared/docs/apis/other-systems.md §1).
 */
import { z } from 'zod';
import { httpConnectionSettings } from '../shared/connectionSettings';

/** Severa's bound on rowCount (default 20, max 100): 100 is the fewest calls. */
export const MAX_ROW_COUNT = 100;

/** What the invoice transfer reads and writes: invoices and their rows' sources, customers, settings data, the organisation. */
export const DEFAULT_SCOPES = 'invoices:read invoices:write customers:read settings:read hours:read fees:read travels:read organization:read';

export const settingsSchema = z.object({
  baseUrl: z.url().default('https://api.severa.visma.com/rest-api').transform((u) => u.replace(/\/+$/, '')),
  /** Rows per page (Severa's rowCount). */
  pageSize: z.number().int().min(1).max(MAX_ROW_COUNT).default(MAX_ROW_COUNT),
  ...httpConnectionSettings,
});

export const credentialsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Space-separated scopes asked for with the token; each must be enabled on the client credentials in Severa. */
  scope: z.string().min(1).default(DEFAULT_SCOPES),
});

export const severaConfig = z.object({ settings: settingsSchema, credentials: credentialsSchema });

export type SeveraSettings = z.output<typeof settingsSchema>;
export type SeveraCredentials = z.output<typeof credentialsSchema>;
/** What callers pass (defaults may be omitted). */
export type SeveraConfigInput = z.input<typeof severaConfig>;
export type SeveraConfig = z.output<typeof severaConfig>;
