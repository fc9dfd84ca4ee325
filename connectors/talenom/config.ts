/**
 * A Talenom connection: settings (stored in clear) and credentials (stored encrypted), as Talenom hands them out
 * (integraatiot@talenom.fi: client id and secret, an APIM subscription key and the organisation number).
 */
import { z } from 'zod';
import { httpConnectionSettings } from '../shared/connectionSettings';

export const settingsSchema = z.object({
  baseUrl: z.url().default('https://apim.talenom.com').transform((u) => u.replace(/\/+$/, '')),
  /** OAuth 2 token endpoint (client credentials). Talenom does not publish it: it comes with the credentials. */
  tokenUrl: z.url(),
  /** INFERRED: the scope of Talenom's APIM application (a third-party client uses it); override when told otherwise. */
  scope: z.string().min(1).default('https://apim.talenom.com/.default'),
  region: z.string().regex(/^[a-z]{2}$/, 'a region like "fi"').default('fi'),
  /** The customer company at Talenom, part of every path. */
  organizationNumber: z.union([z.string(), z.number().int().nonnegative()]).transform(String)
    .pipe(z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'an organisation number: letters, digits and dashes')),
  ...httpConnectionSettings,
});

export const credentialsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Azure APIM's Ocp-Apim-Subscription-Key. */
  subscriptionKey: z.string().min(1),
});

export const talenomConfig = z.object({ settings: settingsSchema, credentials: credentialsSchema });

export type TalenomSettings = z.output<typeof settingsSchema>;
export type TalenomCredentials = z.output<typeof credentialsSchema>;
export type TalenomConfigInput = z.input<typeof talenomConfig>;
export type TalenomConfig = z.output<typeof talenomConfig>;
