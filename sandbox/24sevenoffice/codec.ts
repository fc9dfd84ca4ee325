/**
 * XML in and out, the way an ASMX service (XmlSerializer, document/literal, elementFormDefault="qualified")
 * reads and writes it: children matched by exact, case-sensitive name in the service namespace (a mis-cased or
 * unqualified element is silently ignored and arrives as null, §2), .NET "not set" sentinels treated as unset,
 * invalid numbers/enums refused as "There is an error in XML document", responses compact and in WSDL order.
 */
import { XMLParser } from 'fast-xml-parser';
import { escapeXml } from '../shared/xmlGuard';
import { arrayItem, MS_TYPES, XSD, type Field, type QName, type ServiceSchema } from './schema';

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface XmlEl {
  ns: string;
  local: string;
  attrs: Record<string, string>; // keys as "{ns}local" or plain local when unqualified
  children: XmlEl[];
  text: string;
}

/** The request could not be deserialized: ASMX answers soap:Client "Server was unable to read request." */
export class XmlDocumentError extends Error {
  override readonly name = 'XmlDocumentError';
}

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
});

export function parseXml(xml: string): XmlEl {
  let doc: Node[];
  try {
    doc = parser.parse(xml, true) as Node[];
  } catch (err) {
    throw new XmlDocumentError(`Data at the root level is invalid. ${(err as Error).message ?? ''}`.trim());
  }
  const roots = doc.map((n) => toEl(n, {})).filter((e): e is XmlEl => e !== undefined);
  if (roots.length !== 1) throw new XmlDocumentError('Root element is missing.');
  return roots[0]!;
}

function toEl(node: Node, scope: Record<string, string>): XmlEl | undefined {
  const tag = Object.keys(node).find((k) => k !== ':@')!;
  if (tag.startsWith('#') || tag.startsWith('?')) return undefined;
  const rawAttrs = (node[':@'] as Record<string, string>) ?? {};
  const ns = { ...scope };
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns') ns[''] = v;
    else if (k.startsWith('xmlns:')) ns[k.slice(6)] = v;
  }
  const resolve = (q: string, useDefault: boolean): { ns: string; local: string } => {
    const i = q.indexOf(':');
    if (i < 0) return { ns: useDefault ? (ns[''] ?? '') : '', local: q };
    return { ns: ns[q.slice(0, i)] ?? '', local: q.slice(i + 1) };
  };
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const q = resolve(k, false);
    attrs[q.ns ? `{${q.ns}}${q.local}` : q.local] = v;
  }
  const children: XmlEl[] = [];
  let text = '';
  for (const c of (node[tag] as Node[]) ?? []) {
    if ('#text' in c) text += String(c['#text']);
    else {
      const el = toEl(c, ns);
      if (el) children.push(el);
    }
  }
  const name = resolve(tag, true);
  return { ns: name.ns, local: name.local, attrs, children, text };
}

const INT_TYPES: Record<string, [number, number]> = {
  int: [-2147483648, 2147483647],
  short: [-32768, 32767],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  unsignedByte: [0, 255],
};
const SENTINELS = new Set(['-2147483648', '-32768', '-9223372036854775808', '-79228162514264337593543950335', '-1.7976931348623157E+308']);
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/; // XmlConvert.ToDecimal: no exponent
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Decodes the children of `el` described by `fields`. Unset values (absent, nil, sentinel) are left out. */
export function decodeFields(schema: ServiceSchema, fields: Field[], el: XmlEl): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const matches = el.children.filter((c) => c.local === f.name && c.ns === schema.targetNamespace);
    if (matches.length === 0) continue;
    if (f.unbounded) {
      out[f.name] = matches.map((m) => decodeValue(schema, f.type, m) ?? null);
    } else {
      const value = decodeValue(schema, f.type, matches[0]!);
      if (value !== undefined) out[f.name] = value;
    }
  }
  return out;
}

function decodeValue(schema: ServiceSchema, type: QName, el: XmlEl): unknown {
  if (el.attrs[`{${XSI}}nil`] === 'true') return undefined;
  const text = el.text;
  if (type.ns === XSD || type.ns === MS_TYPES) return decodePrimitive(type.name, text);
  const enumValues = schema.simpleTypes.get(type.name);
  if (enumValues) {
    const v = text.trim();
    if (enumValues.length > 0 && !enumValues.includes(v)) throw new XmlDocumentError(`Instance validation error: '${v}' is not a valid value for ${type.name}.`);
    if (type.name === 'guid') return decodePrimitive('guid', v);
    return v;
  }
  const item = arrayItem(schema, type);
  if (item) return decodeFields(schema, [item], el)[item.name] ?? [];
  const fields = schema.complexTypes.get(type.name);
  if (!fields) throw new XmlDocumentError(`type ${type.name} is not in the WSDL`);
  return decodeFields(schema, fields, el);
}

function decodePrimitive(name: string, raw: string): unknown {
  const v = raw.trim();
  switch (name) {
    case 'string':
      return raw;
    case 'boolean':
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      throw new XmlDocumentError(`The string '${v}' is not a valid Boolean value.`);
    case 'int':
    case 'short':
    case 'long':
    case 'unsignedByte': {
      if (SENTINELS.has(v)) return undefined;
      const [min, max] = INT_TYPES[name]!;
      if (!/^[+-]?\d+$/.test(v)) throw new XmlDocumentError('Input string was not in a correct format.');
      const n = Number(v);
      if (n < min || n > max) throw new XmlDocumentError(`Value was either too large or too small for ${name === 'unsignedByte' ? 'an unsigned byte' : `an ${name === 'int' ? 'Int32' : name === 'short' ? 'Int16' : 'Int64'}`}.`);
      return n;
    }
    case 'decimal':
      if (SENTINELS.has(v)) return undefined;
      if (!DECIMAL.test(v)) throw new XmlDocumentError('Input string was not in a correct format.');
      return v; // kept as text: money is never a binary float here
    case 'double':
      if (SENTINELS.has(v)) return undefined;
      if (!DOUBLE.test(v)) throw new XmlDocumentError('Input string was not in a correct format.');
      return v;
    case 'dateTime':
    case 'date':
      if (v.startsWith('0001-01-01')) return undefined;
      if (Number.isNaN(Date.parse(v))) throw new XmlDocumentError(`The string '${v}' is not a valid AllXsd value.`);
      return v;
    case 'guid':
      if (!GUID.test(v)) throw new XmlDocumentError('Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).');
      return v.toLowerCase() === ZERO_GUID ? undefined : v.toLowerCase();
    case 'base64Binary':
      return Buffer.from(v, 'base64');
    default:
      return raw;
  }
}

/**
 * Serializes `value` as the children of an element of the given fields, in WSDL order. Written into one array
 * of parts, each field's kind worked out once per schema: a year's GetTransactions answer is tens of MB.
 */
export function encodeFields(schema: ServiceSchema, fields: Field[], value: Record<string, unknown>): string {
  const parts: string[] = [];
  writeFields(schema, fields, value, parts);
  return parts.join('');
}

type Plan = { kind: 'text' } | { kind: 'array'; item: Field } | { kind: 'complex'; fields: Field[] };
const plans = new WeakMap<ServiceSchema, Map<Field, Plan>>();

function planOf(schema: ServiceSchema, f: Field): Plan {
  let byField = plans.get(schema);
  if (!byField) plans.set(schema, (byField = new Map()));
  let plan = byField.get(f);
  if (!plan) {
    const type = f.type;
    const item = arrayItem(schema, type);
    if (type.ns === XSD || type.ns === MS_TYPES || schema.simpleTypes.has(type.name)) plan = { kind: 'text' };
    else if (item) plan = { kind: 'array', item };
    else {
      const fields = schema.complexTypes.get(type.name);
      if (!fields) throw new Error(`type ${type.name} is not in the WSDL`);
      plan = { kind: 'complex', fields };
    }
    byField.set(f, plan);
  }
  return plan;
}

function writeFields(schema: ServiceSchema, fields: Field[], value: Record<string, unknown>, parts: string[]): void {
  for (const f of fields) {
    const v = value[f.name];
    if (f.unbounded) {
      for (const item of (v as unknown[] | undefined) ?? []) writeElement(schema, f, item, parts);
    } else writeElement(schema, f, v, parts);
  }
}

function writeElement(schema: ServiceSchema, f: Field, v: unknown, parts: string[]): void {
  if (v === undefined || v === null) {
    if (f.nillable && (f.min > 0 || v === null)) parts.push(`<${f.name} xsi:nil="true" />`);
    else if (f.min > 0 && (f.type.ns === XSD || schema.simpleTypes.has(f.type.name))) parts.push(`<${f.name}>${zeroValue(schema, f.type)}</${f.name}>`);
    return;
  }
  const plan = planOf(schema, f);
  if (plan.kind === 'text') {
    const text = escapeXml(primitiveText(f.type.name, v));
    parts.push(text === '' ? `<${f.name} />` : `<${f.name}>${text}</${f.name}>`);
    return;
  }
  const open = parts.length;
  parts.push(`<${f.name}>`);
  if (plan.kind === 'array') writeFields(schema, [plan.item], { [plan.item.name]: v }, parts);
  else writeFields(schema, plan.fields, v as Record<string, unknown>, parts);
  if (parts.length === open + 1) parts[open] = `<${f.name} />`;
  else parts.push(`</${f.name}>`);
}

function primitiveText(typeName: string, v: unknown): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return plainNumber(v);
  if (v instanceof Date) return typeName === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  return String(v);
}

/** Numbers without exponent notation (§2). */
export function plainNumber(n: number): string {
  if (Number.isInteger(n)) return n.toFixed(0);
  return n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}

function zeroValue(schema: ServiceSchema, type: QName): string {
  switch (type.name) {
    case 'boolean':
      return 'false';
    case 'dateTime':
      return '0001-01-01T00:00:00';
    case 'guid':
      return ZERO_GUID;
    case 'string':
      return '';
    default:
      return schema.simpleTypes.get(type.name)?.[0] ?? '0';
  }
}
