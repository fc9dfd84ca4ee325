/** The wire rules of the 24SevenOffice connector that need no server: money, dates, faults, config. */
import { isConnectorError } from '../../connectors/errors';
import { settingsSchema, twentyFourSevenOfficeConfig } from '../../connectors/24sevenoffice/config';
import { faultError, parseQuarantine } from '../../connectors/24sevenoffice/faults';
import { amountText, decimalText, list, readInstant, readMinor, wireDate } from '../../connectors/24sevenoffice/wire';
import { assertSafeXml } from '../../connectors/shared/xml-guard';

const GUID = '5c5f9a9e-1b2c-4d3e-8f40-123456789abc';

test('money goes out with two decimals and never in exponent notation', () => {
  expect(amountText(125050, 'x')).toBe('1250.50');
  expect(amountText(-1, 'x')).toBe('-0.01');
  expect(amountText(1e15, 'x')).toBe('10000000000000.00');
  expect(decimalText(0.0000001, 'q', 7)).toBe('0.0000001');
  expect(decimalText(2.5, 'q')).toBe('2.5');
});

test('a fraction of a minor unit (three decimals) is a ValidationFailed, not a rounding', () => {
  expect(() => amountText(12345.6, 'voucher 1, line 1 amount')).toThrow(expect.objectContaining({ type: 'ValidationFailed' }));
});

test('ledger amounts come back in minor units, four-decimal values rounded half away from zero', () => {
  expect(readMinor('1250.5')).toBe(125050);
  expect(readMinor('-0.0050')).toBe(-1);
  expect(readMinor('100.1240')).toBe(10012);
  expect(readMinor(undefined)).toBeUndefined();
  expect(readMinor('-79228162514264337593543950335')).toBeUndefined(); // .NET "not set"
});

test('dates: calendar dates without zone, the end date through 23:59:59, instants read as UTC', () => {
  expect(wireDate('2026-03-31', 'to', true)).toBe('2026-03-31T23:59:59');
  expect(() => wireDate('31.03.2026', 'to')).toThrow(expect.objectContaining({ type: 'ValidationFailed' }));
  expect(readInstant('2026-03-01T10:00:00')).toBe('2026-03-01T10:00:00.000Z');
  expect(list({ a: 1 })).toEqual([{ a: 1 }]);
  expect(list(undefined)).toEqual([]);
});

test('the quarantine fault gives its end time, never an earlier one', () => {
  const now = new Date('2026-03-01T10:15:00Z');
  const q = parseQuarantine('Server was unable to process request. ---> Limit exceeded by 3. Request is blocked. Quarantine ends at 2026-03-01T11:00:00Z', now);
  expect(q).toEqual({ until: new Date('2026-03-01T11:00:00Z'), exceededBy: 3 });
  const unreadable = parseQuarantine('Limit exceeded by 1. Request is blocked. Quarantine ends at XXX-XX-XX', now);
  expect(unreadable?.until).toEqual(new Date('2026-03-01T11:00:00Z')); // the next full hour
});

test('faults are typed: blocked identity, not authenticated, anything else', () => {
  expect(faultError('Login', { code: 'soap:Server', text: 'Server was unable to process request. ---> The provided IdentityId is blocked' }, 't').type).toBe('IdentityBlocked');
  expect(faultError('GetAccountList', { code: 'soap:Server', text: 'Client is not authenticated on this identity.' }, 't').type).toBe('NotAuthenticated');
  const other = faultError('GetAccountList', { code: 'soap:Server', text: 'Server was unable to process request. ---> Boom' }, 't');
  expect(other.type).toBe('SoapFault');
  expect(other.message).toContain('Boom');
});

test('a DOCTYPE or ENTITY in a response is refused before parsing', () => {
  expect(() => assertSafeXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', 'svc')).toThrow(expect.objectContaining({ type: 'UnsafeXml' }));
  expect(() => assertSafeXml('<soap:Envelope/>', 'svc')).not.toThrow();
});

test('config: defaults for the hosts, credentials validated separately from settings', () => {
  const parsed = twentyFourSevenOfficeConfig.parse({ settings: {}, credentials: { applicationId: GUID, username: 'a@b.no', password: 'x' } });
  expect(parsed.settings.apiBaseUrl).toBe('https://api.24sevenoffice.com');
  expect(parsed.settings.webservicesBaseUrl).toBe('https://webservices.24sevenoffice.com');
  expect(settingsSchema.parse({ apiBaseUrl: 'http://127.0.0.1:9/' }).apiBaseUrl).toBe('http://127.0.0.1:9');
  expect(twentyFourSevenOfficeConfig.safeParse({ settings: {}, credentials: { applicationId: 'nope', username: 'not-an-email', password: '' } }).success).toBe(false);
  expect(isConnectorError(new Error('x'))).toBe(false);
});
