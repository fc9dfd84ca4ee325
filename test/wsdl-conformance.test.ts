/**
 * Our 24SevenOffice WSDL subset (connectors/24sevenoffice/wsdl/) must describe the same wire as the public
 * service: for every operation we keep, the same SOAPAction, input/output elements, target namespace, and every
 * schema item we use (elements, complex and simple types) identical to the original, field for field and in
 * order. The originals live beside the project (../shared/reference/24sevenoffice-wsdl/) and are never copied in;
 * without them this suite is skipped.
 *
 * Our types are full copies of the originals' definitions (no trailing optional element omitted), so the
 * comparison is exact equality of each definition.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const ORIGINALS = path.resolve(__dirname, '../../shared/reference/24sevenoffice-wsdl');
const OURS = path.resolve(__dirname, '../connectors/24sevenoffice/wsdl');
const FILES = [
  'authService.wsdl',
  'accountService.wsdl',
  'transactionService.wsdl',
  'clientService.wsdl',
  'companyService.wsdl',
  'invoiceService.wsdl',
  'productService.wsdl',
  'projectService.wsdl',
  'attachmentService.wsdl',
];

type Node = Record<string, unknown>;

interface Wsdl {
  targetNamespace: string;
  prefixes: Record<string, string>;
  /** `${namespace}|${kind}|${name}` → canonical JSON of the definition with prefixes resolved to namespaces */
  schema: Map<string, string>;
  /** operation → SOAPAction per binding kind ('soap' | 'soap12') */
  actions: Map<string, { soap?: string; soap12?: string }>;
  /** operation → input/output element (qualified by namespace) */
  messages: Map<string, { input: string; output: string }>;
  addresses: Record<string, string>;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: false, preserveOrder: true });

const tagOf = (n: Node): string => Object.keys(n).find((k) => k !== ':@')!;
const attrs = (n: Node): Record<string, string> => (n[':@'] as Record<string, string>) ?? {};
const children = (n: Node): Node[] => (Array.isArray(n[tagOf(n)]) ? (n[tagOf(n)] as Node[]) : []);
const local = (q: string): string => q.split(':').pop()!;

function load(file: string): Wsdl {
  const doc = parser.parse(fs.readFileSync(file, 'utf8')) as Node[];
  const defs = doc.find((n) => tagOf(n) === 'wsdl:definitions')!;
  const prefixes: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs(defs))) if (k.startsWith('@_xmlns:')) prefixes[k.slice(8)] = v;
  const qualify = (q: string): string => (q.includes(':') ? `{${prefixes[q.split(':')[0]!] ?? '?'}}${local(q)}` : q);
  // A definition in canonical form: tags, attributes (QName values resolved), children in order; no comments.
  const canon = (n: Node): unknown => {
    const tag = tagOf(n);
    if (tag === '#text' || tag === '#comment') return undefined;
    const a: Record<string, string> = {};
    for (const [k, v] of Object.entries(attrs(n))) a[k.slice(2)] = ['type', 'base', 'element', 'ref'].includes(k.slice(2)) ? qualify(v) : v;
    return { tag: local(tag), attrs: Object.fromEntries(Object.entries(a).sort()), children: children(n).map(canon).filter((c) => c !== undefined) };
  };

  const schema = new Map<string, string>();
  const kids = children(defs);
  for (const types of kids.filter((n) => tagOf(n) === 'wsdl:types'))
    for (const s of children(types).filter((n) => tagOf(n) === 's:schema'))
      for (const item of children(s)) {
        const name = attrs(item)['@_name'];
        if (name) schema.set(`${attrs(s)['@_targetNamespace']}|${local(tagOf(item))}|${name}`, JSON.stringify(canon(item)));
      }

  const messageElement = new Map<string, string>();
  for (const m of kids.filter((n) => tagOf(n) === 'wsdl:message')) {
    const part = children(m).find((c) => tagOf(c) === 'wsdl:part')!;
    messageElement.set(attrs(m)['@_name']!, qualify(attrs(part)['@_element']!));
  }
  const messages = new Map<string, { input: string; output: string }>();
  for (const pt of kids.filter((n) => tagOf(n) === 'wsdl:portType'))
    for (const op of children(pt).filter((c) => tagOf(c) === 'wsdl:operation')) {
      const io = (t: string) => messageElement.get(local(attrs(children(op).find((c) => tagOf(c) === t)!)['@_message']!))!;
      messages.set(attrs(op)['@_name']!, { input: io('wsdl:input'), output: io('wsdl:output') });
    }
  const actions = new Map<string, { soap?: string; soap12?: string }>();
  for (const b of kids.filter((n) => tagOf(n) === 'wsdl:binding'))
    for (const op of children(b).filter((c) => tagOf(c) === 'wsdl:operation')) {
      const soapOp = children(op).find((c) => local(tagOf(c)) === 'operation')!;
      const kind = tagOf(soapOp).split(':')[0] as 'soap' | 'soap12';
      const entry = actions.get(attrs(op)['@_name']!) ?? {};
      entry[kind] = attrs(soapOp)['@_soapAction'];
      actions.set(attrs(op)['@_name']!, entry);
    }
  const addresses: Record<string, string> = {};
  for (const svc of kids.filter((n) => tagOf(n) === 'wsdl:service'))
    for (const port of children(svc).filter((c) => tagOf(c) === 'wsdl:port')) {
      const address = children(port).find((c) => local(tagOf(c)) === 'address');
      if (address) addresses[attrs(port)['@_name']!] = attrs(address)['@_location']!;
    }
  return { targetNamespace: attrs(defs)['@_targetNamespace']!, prefixes, schema, actions, messages, addresses };
}

const haveOriginals = fs.existsSync(ORIGINALS);
if (!haveOriginals) {
  // eslint-disable-next-line no-console
  console.warn(`wsdl-conformance: skipped, the original WSDLs are not at ${ORIGINALS} (they live beside the repo, never in it)`);
}
const describeIfOriginals = haveOriginals ? describe : describe.skip;

describeIfOriginals.each(FILES)('our %s matches the public 24SevenOffice WSDL', (file) => {
  const ours = load(path.join(OURS, file));
  const original = load(path.join(ORIGINALS, file));

  test('has the same target namespace and service addresses', () => {
    expect(ours.targetNamespace).toBe(original.targetNamespace);
    expect(ours.addresses).toEqual(original.addresses);
  });

  test('every operation has the same SOAPAction and input/output elements', () => {
    expect(ours.messages.size).toBeGreaterThan(0);
    for (const [op, io] of ours.messages) {
      expect({ op, ...original.messages.get(op) }).toEqual({ op, ...io });
      expect({ op, ...original.actions.get(op) }).toMatchObject({ op, ...ours.actions.get(op) });
      // SOAPAction = namespace + operation (§1): A has no trailing slash, B has one.
      const ns = ours.targetNamespace;
      expect(ours.actions.get(op)?.soap).toBe(ns.endsWith('/') ? `${ns}${op}` : `${ns}/${op}`);
    }
  });

  test('every schema element and type we define is identical to the original (names, order, types, occurrence)', () => {
    expect(ours.schema.size).toBeGreaterThan(0);
    for (const [key, definition] of ours.schema) {
      expect({ key, definition: original.schema.get(key) }).toEqual({ key, definition });
    }
  });
});
