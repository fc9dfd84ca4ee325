/**
 * Our 24SevenOffice requests checked against the real service's schemas: each WSDL in the shared reference folder
 * beside the repository (never a copy in it) has its xs:schema elements written to temporary .xsd files, the
 * imports between them (e.g. the Microsoft guid types) pointed at each other, and the SOAP body's operation
 * element of every recorded request is validated with `xmllint --schema` (libxml2-utils). A required element
 * we leave out, a wrong order, type or enumeration value fails. Callers skip, with TSO_WSDL_MISSING, when the
 * WSDLs or xmllint are missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordedRequest } from '../../sandbox/24sevenoffice';

export const TSO_WSDL_DIR = path.resolve(__dirname, '../../../shared/reference/24sevenoffice-wsdl');

export function tsoWsdlAvailable(): boolean {
  return fs.existsSync(TSO_WSDL_DIR) && spawnSync('xmllint', ['--version']).status === 0;
}

export const TSO_WSDL_MISSING = `24SevenOffice request schema checks skipped: needs the real WSDLs in ${TSO_WSDL_DIR} ` +
  '(github.com/valuetechdev/24sevenoffice-go api/wsdl/) and xmllint (apt-get install libxml2-utils)';

export interface InvalidRequest {
  wsdl: string;
  soapAction: string;
  body: string;
  errors: string[];
}

let schemaDir: string | undefined;
const mainSchema = new Map<string, string>();

/** The .xsd of a WSDL's own target namespace, its sibling schemas beside it (written once per process). */
export function schemaFor(wsdl: string): string {
  const known = mainSchema.get(wsdl);
  if (known) return known;
  schemaDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tso-xsd-'));
  const text = fs.readFileSync(path.join(TSO_WSDL_DIR, wsdl), 'utf8');
  const definitions = /<wsdl:definitions\b([^>]*)>/.exec(text)?.[1] ?? '';
  const declarations = [...definitions.matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)];
  const xsdPrefix = declarations.find(([, , ns]) => ns === 'http://www.w3.org/2001/XMLSchema')?.[1];
  if (!xsdPrefix) throw new Error(`${wsdl}: no prefix for the XML Schema namespace`);
  const targetNamespace = /\btargetNamespace="([^"]*)"/.exec(definitions)?.[1];
  const schemas = [...text.matchAll(new RegExp(`<${xsdPrefix}:schema\\b([^>]*)>([\\s\\S]*?)</${xsdPrefix}:schema>`, 'g'))];
  const fileOf = new Map(schemas.map(([, attrs], i) => [/targetNamespace="([^"]*)"/.exec(attrs!)?.[1] ?? '', `${path.basename(wsdl, '.wsdl')}-${i}.xsd`]));
  for (const [, attrs, content] of schemas) {
    const ns = /targetNamespace="([^"]*)"/.exec(attrs!)?.[1] ?? '';
    // The WSDL's namespace prefixes (tns:, s:, s1:) are declared on wsdl:definitions; a standalone schema needs them.
    const inherited = declarations.filter(([, prefix]) => !attrs!.includes(`xmlns:${prefix}=`)).map(([decl]) => decl).join('');
    // .NET's decimal "not set" default (Decimal.MinValue, 29 digits) is beyond libxml2's decimal, so its schema
    // would not compile; without the default an empty decimal element is refused, which is stricter, never laxer.
    const body = content!.replaceAll(' default="-79228162514264337593543950335"', '').replace(new RegExp(`<${xsdPrefix}:import namespace="([^"]*)"\\s*/>`, 'g'), (whole, imported: string) => {
      const file = fileOf.get(imported);
      return file ? `<${xsdPrefix}:import namespace="${imported}" schemaLocation="${file}"/>` : whole;
    });
    fs.writeFileSync(path.join(schemaDir, fileOf.get(ns)!), `<?xml version="1.0" encoding="utf-8"?>\n<${xsdPrefix}:schema${attrs}${inherited}>${body}</${xsdPrefix}:schema>\n`);
  }
  const main = path.join(schemaDir, fileOf.get(targetNamespace ?? '') ?? '');
  if (!fs.existsSync(main)) throw new Error(`${wsdl}: no schema for its target namespace ${targetNamespace}`);
  mainSchema.set(wsdl, main);
  return main;
}

/**
 * The operation element of a SOAP request as a document of its own, with the namespaces the envelope declared
 * (xsi for xsi:nil, prefixes of qualified names).
 */
export function operationElement(envelope: string): string {
  const head = /<([\w.-]+:)?Envelope\b([^>]*)>/.exec(envelope);
  const body = /<([\w.-]+:)?Body\b[^>]*>([\s\S]*)<\/\1?Body>/.exec(envelope);
  if (!head || !body) throw new Error(`not a SOAP envelope: ${envelope.slice(0, 80)}`);
  const inner = body[2]!.trim();
  const open = /^<([\w.:-]+)([^>]*?)(\/?)>/.exec(inner);
  if (!open) throw new Error(`the SOAP body has no element: ${inner.slice(0, 80)}`);
  const inherited = [...head[2]!.matchAll(/\sxmlns:([\w.-]+)="[^"]*"/g)].filter(([, prefix]) => !open[2]!.includes(`xmlns:${prefix}=`)).map(([decl]) => decl).join('');
  return `<${open[1]}${open[2]}${inherited}${open[3]}>${inner.slice(open[0].length)}`;
}

/** Validates each request's operation element against its service's real schema; returns the invalid ones. */
export function invalidRequests(requests: RecordedRequest[]): InvalidRequest[] {
  const invalid: InvalidRequest[] = [];
  const byWsdl = new Map<string, RecordedRequest[]>();
  for (const r of requests) byWsdl.set(r.wsdl, [...(byWsdl.get(r.wsdl) ?? []), r]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tso-requests-'));
  try {
    for (const [wsdl, list] of byWsdl) {
      const files = list.map((r, i) => {
        const file = path.join(dir, `${path.basename(wsdl, '.wsdl')}-${i}.xml`);
        fs.writeFileSync(file, operationElement(r.xml));
        return file;
      });
      const run = spawnSync('xmllint', ['--noout', '--schema', schemaFor(wsdl), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (run.error) throw run.error;
      if (/failed to compile|WXS schema .* failed/i.test(run.stderr)) throw new Error(`the schema of ${wsdl} does not compile:\n${run.stderr}`);
      list.forEach((r, i) => {
        const errors = run.stderr.split('\n').filter((l) => l.startsWith(`${files[i]}:`)).map((l) => l.slice(files[i]!.length + 1).trim());
        const failed = run.stderr.includes(`${files[i]} fails to validate`);
        if (failed || errors.length > 0) invalid.push({ wsdl, soapAction: r.soapAction, body: operationElement(r.xml), errors: errors.length ? errors : ['fails to validate'] });
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return invalid;
}

/** One readable paragraph per invalid request, for a test failure. */
export function describeInvalid(invalid: InvalidRequest[]): string {
  return invalid.map((r) => `${r.soapAction} (${r.wsdl}):\n  ${r.errors.join('\n  ')}\n  body: ${r.body.slice(0, 600)}`).join('\n\n');
}
