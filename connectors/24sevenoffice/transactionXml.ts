/**
 * GetTransactions' answer read with a streaming (SAX) parser instead of soap's object tree: a week of a
 * mid-size ledger is ~20 000 lines and 20 MB of XML, which soap turns into objects at a few thousand lines a
 * second. Each <Transaction> becomes the same plain object soap would give the mapping in ./transactions.ts
 * (elements by local name, a repeated element as an array, text as text, xsi:nil as null), so both paths share
 * one mapping and every check in it; test/connectors/24sevenoffice-transactionXml.test.ts proves they agree.
 * The body has passed the same guards (size, envelope, no DTD) before it gets here.
 */
import { ConnectorError } from '../errors';

// sax ships without types; this is the part of its API used here.
interface SaxTag {
  name: string;
  local: string;
  uri: string;
  attributes: Record<string, { local: string; uri: string; value: string }>;
}
interface SaxParser {
  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  oncdata: (text: string) => void;
  onerror: (err: Error) => void;
  write(xml: string): SaxParser;
  close(): SaxParser;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as { parser(strict: boolean, options: { xmlns: boolean; trim?: boolean; normalize?: boolean }): SaxParser };

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const TRANSACTION_NS = 'http://24sevenoffice.com/webservices/economy/accounting/';

type Value = string | null | Record<string, unknown>;

interface Open {
  name: string;
  nil: boolean;
  text: string;
  children?: Record<string, unknown>;
}

/** The <Transaction> elements of a GetTransactionsResponse envelope, as plain objects. */
export function transactionElements(xml: string, tenant: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const path: string[] = []; // the envelope's elements above the result, checked by name and namespace
  const stack: Open[] = []; // inside one <Transaction>
  let inResult = false;
  let failure: Error | undefined;
  const parser = sax.parser(true, { xmlns: true });
  const fail = (why: string) => new ConnectorError('MalformedResponse', `24SevenOffice GetTransactions for tenant ${tenant}: ${why}`);

  parser.onopentag = (tag) => {
    if (stack.length > 0 || (inResult && tag.local === 'Transaction' && tag.uri === TRANSACTION_NS)) {
      const nil = tag.attributes['xsi:nil'] ?? Object.values(tag.attributes).find((a) => a.local === 'nil' && a.uri === XSI);
      stack.push({ name: tag.local, nil: nil?.value === 'true' || nil?.value === '1', text: '' });
      return;
    }
    path.push(`{${tag.uri}}${tag.local}`);
    const where = path.join('/');
    if (where === `{${SOAP_ENV}}Envelope/{${SOAP_ENV}}Body/{${TRANSACTION_NS}}GetTransactionsResponse/{${TRANSACTION_NS}}GetTransactionsResult`) inResult = true;
    else if (inResult) throw fail(`unexpected element <${tag.name}> among the transactions`);
  };
  parser.ontext = (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = () => {
    const done = stack.pop();
    if (!done) {
      const closed = path.pop();
      if (closed?.endsWith('}GetTransactionsResult')) inResult = false;
      return;
    }
    const value: Value = done.nil ? null : done.children ?? done.text;
    const parent = stack[stack.length - 1];
    if (!parent) {
      out.push(value && typeof value === 'object' ? value : {});
      return;
    }
    const siblings = (parent.children ??= {});
    const before = siblings[done.name];
    if (before === undefined) siblings[done.name] = value;
    else if (Array.isArray(before)) before.push(value);
    else siblings[done.name] = [before, value];
  };
  parser.onerror = (err) => {
    failure ??= fail(`the answer is not well-formed XML (${err.message.split('\n')[0]})`);
  };
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof ConnectorError) throw err;
    throw failure ?? fail(`the answer could not be read (${(err as Error).message})`);
  }
  if (failure) throw failure;
  return out;
}
