/**
 * A 24SevenOffice connection: settings (stored in clear) and credentials (stored encrypted, AES-256-GCM).
 * The split is the schema's: the platform persists `settingsSchema` and `credentialsSchema` in different columns.
 */
import { z } from 'zod';
import { requestBudgetSetting } from '../shared/requestLimits';

const baseUrl = (fallback: string) =>
  z.url().default(fallback).transform((u) => u.replace(/\/+$/, ''));

export const settingsSchema = z.object({
  /** Host of Authenticate, Account, Transaction, Client, Company, Invoice and Product services (API doc §1). */
  apiBaseUrl: baseUrl('https://api.24sevenoffice.com'),
  /** Host of Project and Attachment services (API doc §1). One session serves both hosts. */
  webservicesBaseUrl: baseUrl('https://webservices.24sevenoffice.com'),
  /** The identity (user × company) to work in; absent = the user's default identity (API doc §3). */
  identityId: z.guid().optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** Bound on one response body; default 20 MB. */
  maxResponseBytes: z.number().int().positive().optional(),
  /** Accounts the tenant's mappings use; check() verifies each exists. */
  mappedAccounts: z.array(z.number().int().positive()).optional(),
  /**
   * Set only once 24SevenOffice is known to answer DuplicateData when a journal voucher (SaveOption 1) reuses a
   * TransactionNo. The API documents it for the ledger only; with it, a journal save whose answer was lost is sent
   * again and DuplicateData read as "ours"; without it (the default) a person looks in Accounting → Posting.
   */
  journalRefusesUsedNumbers: z.boolean().default(false),
  /** Voucher types (GetTypeList TypeNo) the tenant's mappings use; check() verifies each exists. */
  mappedVoucherTypes: z.array(z.number().int().nonnegative()).optional(),
  /** Overrides of the tenant's request budget for this system (connectors/shared/requestLimits.ts). */
  budget: requestBudgetSetting.optional(),
});

export const credentialsSchema = z.object({
  /** Per-integration GUID issued by 24SevenOffice API support. */
  applicationId: z.guid(),
  /** A community user: always an e-mail address (API doc §3). */
  username: z.email(),
  password: z.string().min(1),
});

export const twentyFourSevenOfficeConfig = z.object({ settings: settingsSchema, credentials: credentialsSchema });

export type TwentyFourSevenOfficeSettings = z.output<typeof settingsSchema>;
export type TwentyFourSevenOfficeCredentials = z.output<typeof credentialsSchema>;
/** What callers pass (defaults may be omitted). */
export type TwentyFourSevenOfficeConfigInput = z.input<typeof twentyFourSevenOfficeConfig>;
export type TwentyFourSevenOfficeConfig = z.output<typeof twentyFourSevenOfficeConfig>;
