/**
 * GetTransactions' answer read with a small streaming tokenizer instead of soap's object tree: a week of a
 * mid-size ledger is ~20 000 lines and 20 MB of XML, which soap (and the general-purpose `sax` parser alike)
 * reads at a few thousand lines a second. Each <Transaction> becomes the same plain object soap would give the
 * mapping in ./transactions.ts (elements by local name, a repeated element as an array, text as text, xsi:nil
 * as null), so both paths share one mapping and every check in it; test/connectors/24sevenoffice-transactionXml
 * .test.ts proves they agree. The body has passed the same guards (size, envelope, no DTD) before it gets here;
 * this reader still refuses what is not well-formed (unclosed or mismatched tags, unknown entities, stray text).
 */
import { ConnectorError } from '../errors';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const TRANSACTION_NS = 'http://24sevenoffice.com/webservices/economy/accounting/';
const RESULT_PATH = `{${SOAP_ENV}}Envelope/{${SOAP_ENV}}Body/{${TRANSACTION_NS}}GetTransactionsResponse/{${TRANSACTION_NS}}GetTransactionsResult`;

type Value = string | null | Record<string, unknown>;

interface Open {
  qname: string;
  local: string;
  /** Namespace prefixes in scope (the parent's object when this element declares none). */
  scope: Record<string, string>;
  nil: boolean;
  text: string;
  children?: Record<string, unknown>;
}

const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The <Transaction> elements of a GetTransactionsResponse envelope, as plain objects. */
export function transactionElements(xml: string, tenant: string): Array<Record<string, unknown>> {
  const fail = (why: string) => new ConnectorError('MalformedResponse', `24SevenOffice GetTransactions for tenant ${tenant}: ${why}`);
  const out: Array<Record<string, unknown>> = [];
  const stack: Open[] = [];
  const path: string[] = []; // {ns}local of the open elements above the first Transaction
  let inside = -1; // stack depth of the open <Transaction>, or -1
  let i = 0;

  const text = (raw: string) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (raw.trim() !== '') throw fail('text outside the envelope');
      return;
    }
    if (inside >= 0) top.text += raw.includes('&') ? decode(raw, fail) : raw;
  };

  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      text(xml.slice(i));
      break;
    }
    if (lt > i) text(xml.slice(i, lt));
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      i = end(xml, '?>', lt, fail);
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) i = end(xml, '-->', lt, fail);
      else if (xml.startsWith('<![CDATA[', lt)) {
        i = end(xml, ']]>', lt, fail);
        if (inside >= 0) stack[stack.length - 1]!.text += xml.slice(lt + 9, i - 3);
      } else throw fail('a declaration (<!…) in the answer');
      continue;
    }
    const gt = tagEnd(xml, lt);
    if (gt < 0) throw fail('an unclosed tag');
    if (next === 47 /* / */) {
      const qname = xml.slice(lt + 2, gt).trim();
      const done = stack.pop();
      if (!done || done.qname !== qname) throw fail(`</${qname}> closes ${done ? `<${done.qname}>` : 'nothing'}`);
      close(done);
      i = gt + 1;
      continue;
    }
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const content = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    const space = content.search(/\s/);
    const qname = space < 0 ? content : content.slice(0, space);
    const parentScope = stack[stack.length - 1]?.scope ?? {};
    let scope = parentScope;
    let nilAttr: string | undefined;
    const attributes: Array<[string, string]> = [];
    if (space >= 0) {
      for (const m of content.slice(space).matchAll(ATTRIBUTE)) {
        const value = m[2] ?? m[3] ?? '';
        const name = m[1]!;
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          if (scope === parentScope) scope = { ...parentScope };
          scope[name === 'xmlns' ? '' : name.slice(6)] = value.includes('&') ? decode(value, fail) : value;
        } else attributes.push([name, value]);
      }
    }
    for (const [name, value] of attributes) {
      const colon = name.indexOf(':');
      if (colon > 0 && name.slice(colon + 1) === 'nil' && scope[name.slice(0, colon)] === XSI) nilAttr = value;
    }
    const colon = qname.indexOf(':');
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const open: Open = { qname, local, scope, nil: nilAttr === 'true' || nilAttr === '1', text: '' };
    if (inside < 0) {
      const uri = scope[colon < 0 ? '' : qname.slice(0, colon)] ?? '';
      if (path.join('/') === RESULT_PATH) {
        if (local !== 'Transaction' || uri !== TRANSACTION_NS) throw fail(`unexpected element <${qname}> among the transactions`);
        inside = stack.length;
      } else path.push(`{${uri}}${local}`);
    }
    stack.push(open);
    if (selfClosing) close(stack.pop()!);
    i = gt + 1;
  }
  if (stack.length > 0) throw fail(`<${stack[stack.length - 1]!.qname}> is never closed`);
  return out;

  function close(done: Open): void {
    if (inside < 0) {
      path.pop();
      return;
    }
    const value: Value = done.nil ? null : done.children ?? done.text;
    if (stack.length === inside) {
      inside = -1;
      out.push(value && typeof value === 'object' ? value : {});
      return;
    }
    const siblings = (stack[stack.length - 1]!.children ??= {});
    const before = siblings[done.local];
    if (before === undefined) siblings[done.local] = value;
    else if (Array.isArray(before)) before.push(value);
    else siblings[done.local] = [before, value];
  }
}

/** The index after `terminator`, searched from `from`. */
function end(xml: string, terminator: string, from: number, fail: (why: string) => Error): number {
  const at = xml.indexOf(terminator, from);
  if (at < 0) throw fail(`"${xml.slice(from, from + 12)}…" is never closed`);
  return at + terminator.length;
}

/** The '>' ending the tag opened at `lt` ('>' may stand in a quoted attribute value). */
function tagEnd(xml: string, lt: number): number {
  let quote = 0;
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return j;
    else if (c === 60) return -1;
  }
  return -1;
}

function decode(raw: string, fail: (why: string) => Error): string {
  const decoded = raw.replace(ENTITY, (_, e: string) => NAMED[e] ?? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))));
  if (decoded.includes('&') && /&(?!amp;|lt;|gt;|quot;|apos;|#)/.test(raw)) throw fail('an unknown entity in the answer');
  return decoded;
}
