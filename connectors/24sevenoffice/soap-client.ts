/**
 * The SOAP layer: our WSDL subset (./wsdl) parsed once per process, one node-soap Client per service per
 * connector, endpoints from settings, the session cookie per call, every response guarded before parsing
 * (connectors/shared/soap-http), every request through connectors/shared/externalCall (budget, metrics), faults typed.
 */
import * as path from 'node:path';
import { Client, createClientAsync, type WSDL } from 'soap';
import { ConnectorError, isConnectorError } from '../errors';
import type { ConnectorContext } from '../types';
import { externalCall } from '../shared/externalCall';
import { GuardedSoapHttpClient, ResponseTaken, type TakeBodyOption } from '../shared/soap-http';
import type { TwentyFourSevenOfficeSettings } from './config';
import { faultError, faultOf, parseQuarantine } from './faults';
import { SERVICES, type ServiceName } from './services';

const WSDL_DIR = path.join(__dirname, 'wsdl');

/** Parsed WSDLs, shared by every connector in the process (never fetched per call: API doc, WSDLs note). */
const wsdls = new Map<string, Promise<WSDL>>();

function loadWsdl(file: string): Promise<WSDL> {
  let loaded = wsdls.get(file);
  if (!loaded) {
    loaded = createClientAsync(path.join(WSDL_DIR, file), {
      disableCache: true,
      // Keep decimals, dates and longs as text: money must not pass through a float, a date without zone must not
      // be read as local time, Identity.Client.Id is a long (API doc §2). ./wire.ts converts them.
      customDeserializer: { decimal: keep, dateTime: keep, date: keep, long: keep },
    }).then((client) => client.wsdl);
    loaded.catch(() => wsdls.delete(file));
    wsdls.set(file, loaded);
  }
  return loaded;
}

/** soap's own reading of an answer: the operation's response element as call() gets it (to compare a faster reader with). */
export async function readWithSoap(service: ServiceName, operation: string, xml: string): Promise<Record<string, unknown>> {
  const wsdl = await loadWsdl(SERVICES[service].wsdl);
  const body = (wsdl.xmlToObject(xml) as { Body?: Record<string, unknown> }).Body ?? {};
  return (body[`${operation}Response`] as Record<string, unknown> | undefined) ?? {};
}

function keep(text: string): string {
  return text;
}

export interface ApiLimit {
  /** From the undocumented APILimitRemaining / APILimitReset headers (API doc §11). */
  remaining?: number;
  resetAt?: Date;
}

export class SoapTransport {
  private readonly clients = new Map<ServiceName, Promise<Client>>();
  private readonly http: GuardedSoapHttpClient;
  readonly limit: ApiLimit = {};

  constructor(private readonly settings: TwentyFourSevenOfficeSettings, private readonly ctx: ConnectorContext) {
    this.http = new GuardedSoapHttpClient({
      timeoutMs: settings.timeoutMs,
      maxResponseBytes: settings.maxResponseBytes,
      onResponse: (_status, headers) => {
        const remaining = Number(headers['apilimitremaining']);
        if (Number.isFinite(remaining)) this.limit.remaining = remaining;
        const reset = new Date(String(headers['apilimitreset'] ?? ''));
        if (!Number.isNaN(reset.getTime())) this.limit.resetAt = reset;
      },
    });
  }

  endpoint(service: ServiceName): string {
    const info = SERVICES[service];
    return (info.host === 'api' ? this.settings.apiBaseUrl : this.settings.webservicesBaseUrl) + info.path;
  }

  /**
   * One request. `sessionId` goes in the ASP.NET_SessionId cookie (API doc §3: no SOAP header, both hosts).
   * Returns the operation's response element (`{ <Op>Result: … }`), or {} when the body was empty.
   */
  async call(service: ServiceName, operation: string, args: Record<string, unknown>, sessionId?: string): Promise<Record<string, unknown>> {
    const result = await this.invoke(service, operation, args, sessionId, {});
    return result && typeof result === 'object' ? (result as Record<string, unknown>) : {};
  }

  /**
   * One request whose answer the caller parses itself (large answers: soap's object tree of 20 000 ledger lines
   * costs seconds). The same guards, budget and fault handling as call(); returns the SOAP envelope's text.
   */
  async callForText(service: ServiceName, operation: string, args: Record<string, unknown>, sessionId?: string): Promise<string> {
    let body: string | undefined;
    const options: TakeBodyOption = { takeBody: (text) => { body = text; } };
    await this.invoke(service, operation, args, sessionId, options);
    if (body === undefined) throw new ConnectorError('MalformedResponse', `24SevenOffice ${operation} for tenant ${this.ctx.tenant}: no answer body`);
    return body;
  }

  private invoke(service: ServiceName, operation: string, args: Record<string, unknown>, sessionId: string | undefined, options: TakeBodyOption): Promise<unknown> {
    return externalCall(this.ctx, '24sevenoffice', async () => {
      const client = await this.client(service);
      const info = SERVICES[service];
      const method = (client as unknown as Record<string, Record<string, Record<string, SoapMethod>>>)[info.service]?.[info.port]?.[operation];
      if (!method) throw new Error(`${info.wsdl} has no operation ${operation} on port ${info.port}`);
      const headers = sessionId ? { Cookie: `ASP.NET_SessionId=${sessionId}` } : {};
      const started = Date.now();
      try {
        const result = await new Promise<unknown>((resolve, reject) =>
          method(args, (err, res) => (err instanceof ResponseTaken ? resolve(undefined) : err ? reject(err) : resolve(res)), options, headers));
        this.ctx.log.debug('24sevenoffice call', { service, operation, ms: Date.now() - started, apiLimitRemaining: this.limit.remaining });
        return result;
      } catch (err) {
        const error = await this.translate(operation, err);
        this.ctx.log.debug('24sevenoffice call failed', { service, operation, ms: Date.now() - started, type: error.type });
        throw error;
      }
    });
  }

  private async translate(operation: string, err: unknown): Promise<ConnectorError> {
    if (isConnectorError(err)) return err;
    const fault = faultOf(err);
    if (!fault) {
      return new ConnectorError('MalformedResponse', `24SevenOffice ${operation} for tenant ${this.ctx.tenant}: ` +
        `the response could not be read as the WSDL promises (${(err as Error)?.message ?? String(err)})`, { cause: err });
    }
    const quarantine = parseQuarantine(fault.text);
    if (quarantine) {
      const reason = `24SevenOffice request limit exceeded by ${quarantine.exceededBy}; blocked until ${quarantine.until.toISOString()}`;
      await this.ctx.budget.quarantine('24sevenoffice', quarantine.until, reason);
      this.ctx.log.warn('24sevenoffice quarantine', { operation, until: quarantine.until.toISOString() });
      return new ConnectorError('RateLimited', `${reason} (tenant ${this.ctx.tenant}); every worker waits until then, ` +
        'or ask 24SevenOffice API support to raise the hourly limit', { retryAfter: quarantine.until, cause: err });
    }
    return faultError(operation, fault, this.ctx.tenant);
  }

  private client(service: ServiceName): Promise<Client> {
    let client = this.clients.get(service);
    if (!client) {
      client = loadWsdl(SERVICES[service].wsdl).then((wsdl) => new Client(wsdl, this.endpoint(service), { httpClient: this.http }));
      client.catch(() => this.clients.delete(service));
      this.clients.set(service, client);
    }
    return client;
  }
}

type SoapMethod = (args: unknown, callback: (err: unknown, result: unknown) => void, options: object, headers: object) => void;
