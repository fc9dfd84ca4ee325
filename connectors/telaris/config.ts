/**
 * A Telaris connection: settings (stored in clear) and credentials (stored encrypted). The API model is in
 * ./README.md.
 */
import { z } from 'zod';
import { httpConnectionSettings } from '../shared/connectionSettings';

/** The API's own bound on pageSize (README, "Pagination"). */
export const MAX_PAGE_SIZE = 500;

export const settingsSchema = z.object({
  baseUrl: z.url().default('https://api.telaris.no').transform((u) => u.replace(/\/+$/, '')),
  /** The company in Telaris (Settings → Company), part of every path. */
  // Numbers are accepted too: `--setting companyNo=1001` on the CLI arrives as JSON, i.e. as a number.
  companyNo: z.union([z.string(), z.number().int().nonnegative()]).transform(String)
    .pipe(z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'a Telaris company number: letters, digits and dashes')),
  /** Documents per page; 500 is the API's maximum and the fewest calls. */
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
  ...httpConnectionSettings,
});

export const credentialsSchema = z.object({
  /** Issued in Telaris under Settings → API tokens, for the company above. */
  apiToken: z.string().min(1),
});

export const telarisConfig = z.object({ settings: settingsSchema, credentials: credentialsSchema });

export type TelarisSettings = z.output<typeof settingsSchema>;
export type TelarisCredentials = z.output<typeof credentialsSchema>;
/** What callers pass (defaults may be omitted). */
export type TelarisConfigInput = z.input<typeof telarisConfig>;
export type TelarisConfig = z.output<typeof telarisConfig>;
