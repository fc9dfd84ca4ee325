/**
 * Checks on raw XML text made before any parser sees it. A DOCTYPE or ENTITY declaration is how entity-expansion
 * ("billion laughs") and external-entity attacks start; no SOAP service we talk to sends one, so we refuse the
 * whole response instead of trusting each parser's settings.
 */
import { ConnectorError } from '../errors';

const UNSAFE = /<!\s*(DOCTYPE|ENTITY)\b/i;
const SOAP_ENVELOPE = /<(?:[\w.-]+:)?Envelope[\s>]/;
const SOAP_FAULT = /<(?:[\w.-]+:)?Fault[\s>]/;

/** Throws UnsafeXml when the text declares a DOCTYPE or an entity. `where` names the service for the operator. */
export function assertSafeXml(text: string, where: string): void {
  if (UNSAFE.test(text)) {
    throw new ConnectorError('UnsafeXml', `${where}: the response declares a DOCTYPE or ENTITY and was refused before parsing; ` +
      'this is not what the service sends, check the base URL and any proxy in between');
  }
}

export function looksLikeSoapEnvelope(text: string): boolean {
  return SOAP_ENVELOPE.test(text);
}

export function containsSoapFault(text: string): boolean {
  return SOAP_FAULT.test(text);
}
