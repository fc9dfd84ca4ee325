/**
 * A raw SOAP 1.1 call with a hand-written body, for sandbox tests and diagnostics: it checks the wire itself,
 * independent of any client library (the connector is tested against the sandbox separately).
 */
import { XMLParser } from 'fast-xml-parser';

export const NS_A = 'http://24sevenOffice.com/webservices';
export const NS_B = 'http://24sevenoffice.com/webservices/economy/accounting/';

export interface RawSoapAnswer {
  status: number;
  headers: Headers;
  body: string;
  /** the parsed `<OpResult>` (namespace prefixes removed), when the answer is a SOAP response */
  result: unknown;
  /** faultstring, when the answer is a SOAP 1.1 fault */
  fault?: string;
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, processEntities: true });

/** SOAPAction = namespace + operation (§1): A has no trailing slash, B has one. */
export function soapAction(ns: string, op: string): string {
  return ns.endsWith('/') ? `${ns}${op}` : `${ns}/${op}`;
}

export function envelope(ns: string, op: string, inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><${op} xmlns="${ns}">${inner}</${op}></soap:Body></soap:Envelope>`;
}

export async function rawSoap(url: string, op: string, ns: string, inner = '', options: { sessionId?: string; body?: string; action?: string } = {}): Promise<RawSoapAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${options.action ?? soapAction(ns, op)}"` };
  if (options.sessionId) headers.Cookie = `ASP.NET_SessionId=${options.sessionId}`;
  const res = await fetch(url, { method: 'POST', headers, body: options.body ?? envelope(ns, op, inner) });
  const body = await res.text();
  let result: unknown;
  let fault: string | undefined;
  if ((res.headers.get('content-type') ?? '').includes('xml') && !body.includes('<!DOCTYPE')) {
    const doc = parser.parse(body) as Record<string, any>;
    const b = doc?.Envelope?.Body;
    if (b?.Fault) fault = String(b.Fault.faultstring);
    else result = b?.[`${op}Response`]?.[`${op}Result`];
  }
  return { status: res.status, headers: res.headers, body, result, fault };
}

/** Items of an `ArrayOfX` result as an array (one item arrives as an object, none as nothing, §2). */
export function items<T = Record<string, unknown>>(result: unknown, itemName: string): T[] {
  const inner = (result as Record<string, unknown> | undefined)?.[itemName];
  if (inner === undefined || inner === '') return [];
  return (Array.isArray(inner) ? inner : [inner]) as T[];
}
