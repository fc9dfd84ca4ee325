/**
 * Text into XML: escaped for element content and attribute values, and cleared of the characters XML 1.0 does
 * not allow at all (control characters a source system may carry in a free text), which no escaping can save.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const SPECIAL = /[&<>"']/;

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  // Most text has nothing to escape: testing first spares a copy per value (large SOAP answers have millions).
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; lone surrogates are out too.
const NOT_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function withoutNonXmlChars(text: string): string {
  return text.replace(NOT_XML, '');
}
