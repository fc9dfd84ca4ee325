/**
 * The sandboxes' demo credentials must never reach a history kept in the repository. Payloads are base64 in a
 * history's JSON, so a plain text search would miss a password inside an activity's input: every string that
 * decodes as base64 is searched as well.
 */
import { DEMO_CREDENTIALS } from '../../sandbox/24sevenoffice';
import { DEMO_TELARIS } from '../../sandbox/telaris';
import { DEMO_SEVERA } from '../../sandbox/severa';
import { DEMO_TALENOM } from '../../sandbox/talenom';
import { DEMO_COSTTRACKER } from '../../sandbox/costtracker';
import { DEMO_DUELL } from '../../sandbox/duell';

/** Every demo credential of the sandboxes, by what it is. */
export const DEMO_SECRETS: Record<string, string> = {
  '24SevenOffice password': DEMO_CREDENTIALS.password,
  '24SevenOffice application id': DEMO_CREDENTIALS.applicationId,
  'Telaris API token': DEMO_TELARIS.apiToken,
  'Severa client secret': DEMO_SEVERA.clientSecret,
  'Talenom client secret': DEMO_TALENOM.clientSecret,
  'Talenom subscription key': DEMO_TALENOM.subscriptionKey,
  'CostTracker API token': DEMO_COSTTRACKER.apiToken,
  'DUELL token': DEMO_DUELL.token,
};

/** Names of the demo secrets found in a history's JSON, in plain text or inside a base64 payload. */
export function secretsIn(historyJson: string): string[] {
  const texts = [historyJson, ...base64Strings(JSON.parse(historyJson)).map((s) => Buffer.from(s, 'base64').toString('utf8'))];
  return Object.entries(DEMO_SECRETS).filter(([, secret]) => texts.some((t) => t.includes(secret))).map(([name]) => name);
}

function base64Strings(value: unknown): string[] {
  if (typeof value === 'string') return BASE64.test(value) && value.length % 4 === 0 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(base64Strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(base64Strings);
  return [];
}

const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;
