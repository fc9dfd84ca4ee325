/**
 * Refuses XML that declares a DTD or entities before any parser sees it: entity expansion ("billion laughs")
 * and external entities are the classic XML attacks, and .NET services refuse them too (XmlReader with
 * DtdProcessing.Prohibit: "For security reasons DTD is prohibited in this XML document").
 */
export class UnsafeXmlError extends Error {
  override readonly name = 'UnsafeXmlError';
}

const DTD = /<!\s*(DOCTYPE|ENTITY)/i;

export function hasDtd(xml: string): boolean {
  return DTD.test(xml);
}

export function assertSafeXml(xml: string): void {
  if (hasDtd(xml)) {
    throw new UnsafeXmlError(
      'For security reasons DTD is prohibited in this XML document. To enable DTD processing set the DtdProcessing property on XmlReaderSettings to Parse and pass the settings into XmlReader.Create method.',
    );
  }
}

/** Moved down to domain/xmlText.ts, where the Finvoice writer needs it too. */
export { escapeXml } from '../../domain/xmlText';
