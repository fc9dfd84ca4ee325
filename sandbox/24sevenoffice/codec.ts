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
 * Serializes `value` as the children of an element of the given fields, in WSDL order. Each list of fields is
 * compiled once per schema into a writer that appends to one array of parts: a year's GetTransactions answer is
 * tens of MB, and looking types up per element made the sandbox slower than the service it stands for.
 */
export function encodeFields(schema: ServiceSchema, fields: Field[], value: Record<string, unknown>): string {
  const parts: string[] = [];
  writerOf(schema, fields)(value, parts);
  return parts.join('');
}

type Writer = (value: Record<string, unknown>, parts: string[]) => void;
const writers = new WeakMap<ServiceSchema, Map<Field[], Writer>>();

function writerOf(schema: ServiceSchema, fields: Field[]): Writer {
  let bySchema = writers.get(schema);
  if (!bySchema) writers.set(schema, (bySchema = new Map()));
  let writer = bySchema.get(fields);
  if (!writer) {
    // Set before compiling the fields: recursive types find it (and call it only at run time).
    let compiled: Writer | undefined;
    bySchema.set(fields, (value, parts) => compiled!(value, parts));
    const elements = fields.map((f) => elementWriter(schema, f));
    compiled = (value, parts) => {
      for (let k = 0; k < fields.length; k++) {
        const f = fields[k]!;
        const v = value[f.name];
        if (f.unbounded) {
          if (v) for (const item of v as unknown[]) elements[k]!(item, parts);
        } else elements[k]!(v, parts);
      }
    };
    writer = compiled;
    bySchema.set(fields, writer);
  }
  return writer;
}

function elementWriter(schema: ServiceSchema, f: Field): (v: unknown, parts: string[]) => void {
  const open = `<${f.name}>`;
  const close = `</${f.name}>`;
  const empty = `<${f.name} />`;
  const unset = f.nillable && f.min > 0 ? `<${f.name} xsi:nil="true" />`
    : f.min > 0 && (f.type.ns === XSD || schema.simpleTypes.has(f.type.name)) ? `${open}${zeroValue(schema, f.type)}${close}` : '';
  const nil = f.nillable ? `<${f.name} xsi:nil="true" />` : '';
  const write = (v: unknown, parts: string[], children: () => void) => {
    if (v === undefined || v === null) {
      const text = v === null ? nil || unset : unset;
      if (text) parts.push(text);
      return;
    }
    const at = parts.length;
    parts.push(open);
    children();
    if (parts.length === at + 1) parts[at] = empty;
    else parts.push(close);
  };
  const type = f.type;
  if (type.ns === XSD || type.ns === MS_TYPES || schema.simpleTypes.has(type.name)) {
    return (v, parts) => {
      if (v === undefined || v === null) return write(v, parts, () => undefined);
      const text = escapeXml(primitiveText(type.name, v));
      parts.push(text === '' ? empty : open + text + close);
    };
  }
  const item = arrayItem(schema, type);
  const fields = item ? [item] : schema.complexTypes.get(type.name);
  if (!fields) throw new Error(`type ${type.name} is not in the WSDL`);
  const children = writerOf(schema, fields);
  return item
    ? (v, parts) => write(v, parts, () => children({ [item.name]: v }, parts))
    : (v, parts) => write(v, parts, () => children(v as Record<string, unknown>, parts));
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
