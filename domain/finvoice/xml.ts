/**
 * The few XML shapes the writer needs: a leaf with text and attributes, and a block of children that is left
 * out when it has none (the XSD's optional groups). Every text is cleaned (domain/xmlText), its whitespace
 * collapsed, cut to its element's bound (./limits.ts, counted in characters, never splitting a surrogate pair)
 * and escaped.
 */
import { escapeXml, withoutNonXmlChars } from '../xmlText';
import { FinvoiceError } from './format';
import { LIMITS, type LimitedElement } from './limits';

export type Node = string | undefined;

export function leaf(name: string, content: string, attributes: Record<string, string | undefined> = {}): string {
  const attrs = Object.entries(attributes).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXml(v!)}"`).join('');
  return content === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXml(content)}</${name}>`;
}

export function block(name: string, children: Node[], attributes: Record<string, string> = {}): Node {
  const present = children.filter((c): c is string => c !== undefined);
  if (present.length === 0) return undefined;
  const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  return [`<${name}${attrs}>`, ...present.map((c) => c.replace(/^/gm, '  ')), `</${name}>`].join('\n');
}

/** Text of one line: cleaned, whitespace collapsed, cut to `max` characters. */
export function line(value: string | undefined, max: number): string {
  const chars = [...withoutNonXmlChars(value ?? '').replace(/\s+/g, ' ').trim()];
  return chars.slice(0, max).join('').trimEnd();
}

/** An optional text element: left out when its text is shorter than the element's minimum (usually empty). */
export function text(name: LimitedElement, value: string | undefined, attributes?: Record<string, string | undefined>): Node {
  const bound = LIMITS[name];
  const content = line(value, bound.max);
  return content.length === 0 || [...content].length < bound.min ? undefined : leaf(name, content, attributes);
}

/** A text element the XSD requires: too short to write is the caller's data problem, named with `what`. */
export function requiredText(name: LimitedElement, value: string | undefined, what: string, attributes?: Record<string, string | undefined>): string {
  const node = text(name, value, attributes);
  if (node === undefined) throw new FinvoiceError(`${what} must have at least ${Math.max(1, LIMITS[name].min)} character(s) for Finvoice ${name}`);
  return node;
}

/**
 * A long text as up to `count` elements of the element's bound, broken at a space where one is near the end of
 * a piece; what does not fit is cut.
 */
export function texts(name: LimitedElement, value: string | undefined, count: number): Node[] {
  const max = LIMITS[name].max;
  let rest = [...line(value, Number.MAX_SAFE_INTEGER)];
  const pieces: Node[] = [];
  while (rest.length > 0 && pieces.length < count) {
    let cut = rest.length <= max ? rest.length : rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = Math.min(max, rest.length);
    pieces.push(leaf(name, rest.slice(0, cut).join('').trim()));
    rest = rest.slice(cut);
    while (rest[0] === ' ') rest = rest.slice(1);
  }
  return pieces;
}
