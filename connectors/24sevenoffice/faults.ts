/**
 * SOAP faults of 24SevenOffice → ConnectorErrors (API doc §3 Failures, §11 error channels and rate limit).
 * The fault texts are partly undocumented; the patterns below are the ones public clients key on, kept in one
 * place so they can be widened when a real tenant shows another wording.
 */
import { ConnectorError } from '../errors';

/** "Limit exceeded by 1. Request is blocked. Quarantine ends at <time>" (FAQ, §11). */
const QUARANTINE = /Limit exceeded by (\d+)\.?\s*Request is blocked\.?\s*Quarantine ends at\s*(.+?)\s*\.?\s*$/is;
/** Rackbeat re-authenticates on "Client is not authenticated on this identity" (§3); the plain wording is undocumented. */
const NOT_AUTHENTICATED = /not authenticated|not logged in|no valid session|session (has )?expired|authenticate\.asmx/i;
/** "The provided IdentityId is blocked" (loyning client.py, §3) and unknown identities. */
const IDENTITY_BLOCKED = /identityid is (blocked|not valid)|identity is blocked|identity (is )?(not found|unknown|invalid|disabled)|invalid identityid/i;

export interface FaultInfo {
  code: string;
  text: string;
}

/** The fault soap parsed from the response, if the error carries one. */
export function faultOf(err: unknown): FaultInfo | undefined {
  const fault = (err as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } })?.root?.Envelope?.Body?.Fault;
  if (!fault) return undefined;
  const pick = (v: unknown): string => (v && typeof v === 'object' ? String((v as { $value?: unknown }).$value ?? '') : String(v ?? ''));
  const reason = fault.Reason as { Text?: unknown } | undefined;
  return { code: pick(fault.faultcode ?? (fault.Code as { Value?: unknown } | undefined)?.Value), text: pick(fault.faultstring ?? reason?.Text) };
}

/** ASMX wraps exceptions: "Server was unable to process request. ---> <message>" (§11, INFERRED). */
export function faultMessage(text: string): string {
  const i = text.lastIndexOf('--->');
  return (i >= 0 ? text.slice(i + 4) : text).trim();
}

export interface Quarantine {
  until: Date;
  exceededBy: number;
}

/** Parses the quarantine fault; an end time it cannot read becomes the next full hour ("wait for the next hour"). */
export function parseQuarantine(text: string, now = new Date()): Quarantine | undefined {
  const m = QUARANTINE.exec(faultMessage(text));
  if (!m) return undefined;
  const raw = m[2]!.trim();
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(raw) || /GMT|UTC/i.test(raw) ? raw : `${raw.replace(' ', 'T')}Z`;
  let until = new Date(zoned);
  if (Number.isNaN(until.getTime())) until = new Date(raw);
  if (Number.isNaN(until.getTime()) || until.getTime() <= now.getTime()) {
    until = new Date(now);
    until.setUTCMinutes(60, 0, 0);
  }
  return { until, exceededBy: Number(m[1]) };
}

export function isNotAuthenticatedText(text: string): boolean {
  return NOT_AUTHENTICATED.test(text);
}

export function isIdentityBlockedText(text: string): boolean {
  return IDENTITY_BLOCKED.test(text);
}

/** Any other fault: SoapFault with the service's own sentence. Quarantine is handled by the caller (it needs the budget). */
export function faultError(operation: string, fault: FaultInfo, tenant: string): ConnectorError {
  const message = faultMessage(fault.text);
  if (isIdentityBlockedText(message)) {
    return new ConnectorError('IdentityBlocked', `24SevenOffice ${operation} for tenant ${tenant}: ${message}; ` +
      'set the connection\'s identityId to one of the user\'s identities (GetIdentitiesWithCredential lists them) or ask the company\'s administrator to unblock the user');
  }
  if (isNotAuthenticatedText(message)) {
    return new ConnectorError('NotAuthenticated', `24SevenOffice ${operation} for tenant ${tenant}: ${message}`);
  }
  return new ConnectorError('SoapFault', `24SevenOffice ${operation} for tenant ${tenant} failed: ${message}`);
}
