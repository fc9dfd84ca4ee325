/**
 * The wire contract, read from our WSDL subset (connectors/24sevenoffice/wsdl/): for each element and complex
 * type, its fields in sequence order. The sandbox decodes requests and encodes responses from this model, so
 * field names, order and types are the WSDL's by construction (§2: "fields in WSDL sequence order").
 */
import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export const XSD = 'http://www.w3.org/2001/XMLSchema';
export const MS_TYPES = 'http://microsoft.com/wsdl/types/';

export interface QName {
  ns: string;
  name: string;
}

export interface Field {
  name: string;
  type: QName;
  min: number;
  unbounded: boolean;
  nillable: boolean;
}

export interface ServiceSchema {
  targetNamespace: string;
  /** top-level elements (operation wrappers) → fields */
  elements: Map<string, Field[]>;
  /** complex types → fields (base type fields first for extensions) */
  complexTypes: Map<string, Field[]>;
  /** simple types → enumeration values (empty for restrictions without enumerations, e.g. guid) */
  simpleTypes: Map<string, string[]>;
  /** operation → SOAPAction (SOAP 1.1 binding) */
  soapActions: Map<string, string>;
  /** service port addresses as written in the WSDL */
  addresses: string[];
}

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });
const tagOf = (n: Node): string => Object.keys(n).find((k) => k !== ':@')!;
const attrs = (n: Node): Record<string, string> => (n[':@'] as Record<string, string>) ?? {};
const kids = (n: Node): Node[] => (Array.isArray(n[tagOf(n)]) ? (n[tagOf(n)] as Node[]) : []);
const local = (tag: string): string => tag.slice(tag.indexOf(':') + 1);

export function loadServiceSchema(file: string): ServiceSchema {
  const doc = parser.parse(fs.readFileSync(file, 'utf8')) as Node[];
  const defs = doc.find((n) => local(tagOf(n)) === 'definitions')!;
  const prefixes: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs(defs))) if (k.startsWith('xmlns:')) prefixes[k.slice(6)] = v;
  const qname = (q: string): QName => {
    const i = q.indexOf(':');
    return i < 0 ? { ns: '', name: q } : { ns: prefixes[q.slice(0, i)] ?? '', name: q.slice(i + 1) };
  };
  const schema: ServiceSchema = {
    targetNamespace: attrs(defs).targetNamespace!,
    elements: new Map(),
    complexTypes: new Map(),
    simpleTypes: new Map(),
    soapActions: new Map(),
    addresses: [],
  };
  const extensions: Array<{ name: string; base: string; own: Field[] }> = [];
  const fieldsOf = (complexType: Node): Field[] => {
    const out: Field[] = [];
    const walk = (n: Node): void => {
      for (const c of kids(n)) {
        const tag = local(tagOf(c));
        if (tag === 'element') {
          const a = attrs(c);
          out.push({ name: a.name!, type: qname(a.type ?? 's:string'), min: Number(a.minOccurs ?? 1), unbounded: a.maxOccurs === 'unbounded', nillable: a.nillable === 'true' });
        } else if (tag === 'sequence') walk(c);
      }
    };
    walk(complexType);
    return out;
  };
  for (const types of kids(defs).filter((n) => local(tagOf(n)) === 'types'))
    for (const s of kids(types).filter((n) => local(tagOf(n)) === 'schema')) {
      const ns = attrs(s).targetNamespace!;
      for (const item of kids(s)) {
        const tag = local(tagOf(item));
        const name = attrs(item).name;
        if (!name) continue;
        if (tag === 'element' && ns === schema.targetNamespace) {
          const ct = kids(item).find((c) => local(tagOf(c)) === 'complexType');
          schema.elements.set(name, ct ? fieldsOf(ct) : []);
        } else if (tag === 'complexType') {
          const content = kids(item).find((c) => local(tagOf(c)) === 'complexContent');
          const ext = content && kids(content).find((c) => local(tagOf(c)) === 'extension');
          if (ext) extensions.push({ name, base: qname(attrs(ext).base!).name, own: fieldsOf(ext) });
          else schema.complexTypes.set(name, fieldsOf(item));
        } else if (tag === 'simpleType') {
          const restriction = kids(item).find((c) => local(tagOf(c)) === 'restriction');
          const values = restriction ? kids(restriction).filter((c) => local(tagOf(c)) === 'enumeration').map((c) => attrs(c).value!) : [];
          schema.simpleTypes.set(name, values);
        }
      }
    }
  for (const e of extensions) schema.complexTypes.set(e.name, [...(schema.complexTypes.get(e.base) ?? []), ...e.own]);
  for (const binding of kids(defs).filter((n) => local(tagOf(n)) === 'binding'))
    for (const op of kids(binding).filter((c) => local(tagOf(c)) === 'operation')) {
      const soapOp = kids(op).find((c) => tagOf(c) === 'soap:operation');
      if (soapOp) schema.soapActions.set(attrs(op).name!, attrs(soapOp).soapAction!);
    }
  for (const svc of kids(defs).filter((n) => local(tagOf(n)) === 'service'))
    for (const port of kids(svc))
      for (const address of kids(port).filter((c) => local(tagOf(c)) === 'address')) schema.addresses.push(attrs(address).location!);
  return schema;
}

/** An `ArrayOfX` type: one unbounded child. Its value is a JS array. */
export function arrayItem(schema: ServiceSchema, type: QName): Field | undefined {
  if (type.ns === XSD || type.ns === MS_TYPES) return undefined;
  const fields = schema.complexTypes.get(type.name);
  return fields && fields.length === 1 && fields[0]!.unbounded ? fields[0] : undefined;
}
