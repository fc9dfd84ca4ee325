/**
 * SOAP envelopes as ASMX writes them: `<?xml …?><soap:Envelope xmlns:soap xmlns:xsi xmlns:xsd><soap:Body>
 * <OpResponse xmlns="ns"><OpResult>…`, faults as HTTP 500 with faultcode/faultstring (§11). SOAP 1.1 is what
 * clients use; 1.2 (application/soap+xml) is answered in kind because the WSDL offers both bindings.
 */
import { escapeXml } from '../shared/xmlGuard';
import { parseXml, XmlDocumentError, type XmlEl } from './codec';

export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
export type SoapVersion = '1.1' | '1.2';

/** A fault the service itself raises; `code` 'Client' for unreadable requests, 'Server' for everything else. */
export class SoapFault extends Error {
  override readonly name = 'SoapFault';
  constructor(
    message: string,
    readonly code: 'Client' | 'Server' = 'Server',
    /** false: faultstring is `message` verbatim (ASMX's own routing/reading errors). */
    readonly wrapped = true,
  ) {
    super(message);
  }

  /** The faultstring: an exception thrown inside a web method reaches the wire wrapped by ASMX. */
  get faultString(): string {
    return this.wrapped ? `Server was unable to process request. ---> ${this.message}` : this.message;
  }
}

/** ASMX's answer to a request body it cannot deserialize. [INFERRED] position (1, 1): we don't track lines. */
export function unreadable(err: XmlDocumentError | Error): SoapFault {
  return new SoapFault(`Server was unable to read request. ---> There is an error in XML document (1, 1). ---> ${err.message}`, 'Client', false);
}

export function soapVersionOf(contentType: string | undefined): SoapVersion {
  return (contentType ?? '').toLowerCase().includes('application/soap+xml') ? '1.2' : '1.1';
}

export function contentTypeOf(version: SoapVersion): string {
  return version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';
}

/** The first element of soap:Body. */
export function bodyElement(xml: string, version: SoapVersion): XmlEl {
  let root: XmlEl;
  try {
    root = parseXml(xml);
  } catch (err) {
    throw unreadable(err as Error);
  }
  const envNs = version === '1.2' ? SOAP12 : SOAP11;
  if (root.local !== 'Envelope' || root.ns !== envNs) {
    // ASMX: a 1.1 envelope posted as 1.2 (or anything else) is a version mismatch.
    throw new SoapFault(`Possible SOAP version mismatch: Envelope namespace ${root.ns} was unexpected. Expecting ${envNs}.`, 'Client', false);
  }
  const body = root.children.find((c) => c.local === 'Body' && c.ns === envNs);
  const op = body?.children[0];
  if (!op) throw unreadable(new XmlDocumentError('Root element is missing.'));
  return op;
}

function envelope(version: SoapVersion, body: string): string {
  const ns = version === '1.2' ? SOAP12 : SOAP11;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export function responseEnvelope(version: SoapVersion, operation: string, namespace: string, inner: string): string {
  const el = `${operation}Response`;
  return envelope(version, inner === '' ? `<${el} xmlns="${namespace}" />` : `<${el} xmlns="${namespace}">${inner}</${el}>`);
}

export function faultEnvelope(version: SoapVersion, fault: SoapFault): string {
  const text = escapeXml(fault.faultString);
  if (version === '1.2') {
    const code = fault.code === 'Client' ? 'soap:Sender' : 'soap:Receiver';
    return envelope(version, `<soap:Fault><soap:Code><soap:Value>${code}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${text}</soap:Text></soap:Reason><soap:Detail /></soap:Fault>`);
  }
  return envelope(version, `<soap:Fault><faultcode>soap:${fault.code}</faultcode><faultstring>${text}</faultstring><detail /></soap:Fault>`);
}
