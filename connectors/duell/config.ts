/**
 * A DUELL connection: the customer number (settings, in clear) and the API token (credentials, encrypted), both
 * from DUELL Backoffice > API-oppsett. The API model is in ./README.md.
 *
 *   echo '{"token":"…"}' | ledgerbridge connections add acme-as --system duell --name duell \
 *     --setting customerNumber=4711 --credentials-stdin
 */
import { z } from 'zod';
import { httpConnectionSettings } from '../shared/connectionSettings';

/** Our model's bound on `limit` (./README.md, "Paging"). */
export const MAX_PAGE_SIZE = 500;

/** A Z-report's PDF is one or two pages; 10 MB leaves room for a scanned attachment and refuses a runaway answer. */
export const DEFAULT_MAX_PDF_BYTES = 10 * 1024 * 1024;

export const settingsSchema = z.object({
  baseUrl: z.url().default('https://api.duell.no/v1').transform((u) => u.replace(/\/+$/, '')),
  // Numbers are accepted too: `--setting customerNumber=4711` on the CLI arrives as JSON, i.e. as a number.
  customerNumber: z.union([z.string(), z.number().int().nonnegative()]).transform(String)
    .pipe(z.string().regex(/^\d{1,12}$/, 'a DUELL customer number: digits, as Backoffice > API-oppsett shows it')),
  /** Items per page; DUELL's model allows up to 500. */
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  /**
   * The header names of the two credentials. DUELL publishes none [INFERRED]; when a real tenant shows others,
   * set them here without a release.
   */
  authHeaders: z.strictObject({
    customerNumber: z.string().regex(/^[A-Za-z0-9-]+$/).default('X-Customer-Number'),
    token: z.string().regex(/^[A-Za-z0-9-]+$/).default('X-Token'),
  }).default({ customerNumber: 'X-Customer-Number', token: 'X-Token' }),
  maxPdfBytes: z.number().int().positive().default(DEFAULT_MAX_PDF_BYTES),
  ...httpConnectionSettings,
}).strict();

export const credentialsSchema = z.object({
  token: z.string().min(1),
});

export const duellConfig = z.object({ settings: settingsSchema, credentials: credentialsSchema });

export type DuellSettings = z.output<typeof settingsSchema>;
export type DuellCredentials = z.output<typeof credentialsSchema>;
export type DuellConfigInput = z.input<typeof duellConfig>;
