/**
 * A faithful local 24SevenOffice (Finago Office) SOAP API for tests and the demo (docs/apis/24sevenoffice.md
 * §12). One HTTP server serves every service at its real path (api. and webservices. paths alike), its WSDL at
 * `<path>?WSDL`, and a JSON admin API under /admin.
 *
 * Demo tenant (seed: true, the default): DEMO_CREDENTIALS below —
 *   ApplicationId 8f3c2a91-5b7e-4d6a-9c1f-2e4b6a8d0c13, Username demo@ledgerbridge.example, Password demo-password,
 *   identities "Demo Handel AS" (client 1001, default) and "Demo Kafé AS" (client 1002).
 *
 * Choices where the real API is undocumented are marked [INFERRED] in the files that make them; the texts a
 * connector may match on are exported from here.
 */
import http from 'node:http';
import { FaultRegistry } from '../shared/faults';
import { listen } from '../shared/http';
import { closeAndSave, persistRequests, stateFile } from '../shared/stateFile';
import { adminRoutes, SandboxAdmin } from './admin';
import { RateLimiter } from './rateLimit';
import { createRequestHandler, type RecordedRequest } from './server';
import { Store } from './store';

export { SandboxAdmin } from './admin';
export type { SandboxState, TenantSummary } from './admin';
export type { FaultKind, FaultSpec } from '../shared/faults';
export type { NewUser, NewIdentity, CallPhase, CallWatcher } from './store';
export { NOT_AUTHENTICATED } from './ops/context';
export { quarantineMessage } from './rateLimit';
export type { RecordedRequest } from './server';

export interface TwentyFourSevenOfficeSandboxOptions {
  /** 0 (default) = a random free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** requests per hour per community user (§11), default 7200 */
  hourlyLimit?: number;
  /** create the demo user and its two client companies (default true) */
  seed?: boolean;
  /** idle minutes before a session expires, default 20 [INFERRED] */
  sessionIdleMinutes?: number;
  /** request body bound, default 10 MB (larger → 413) */
  maxRequestBytes?: number;
  /** the sandbox clock (tests move it to expire sessions or cross an hour) */
  now?: () => Date;
  /**
   * Keep the books in this JSON file across restarts (`npm start`, `ledgerbridge sandbox start`): loaded on start
   * instead of the seed when it exists, written after changes and on close. Default: in memory only.
   */
  stateFile?: string;
  /** Sees every SOAP request body as it arrives, before it is read (tests check our wire against the real WSDLs). */
  onRequest?: (request: RecordedRequest) => void;
}

export interface TwentyFourSevenOfficeSandbox {
  /** e.g. http://127.0.0.1:41234 — append a real service path, e.g. /authenticate/v001/authenticate.asmx */
  url: string;
  admin: SandboxAdmin;
  close(): Promise<void>;
}

export const DEMO_CREDENTIALS = {
  applicationId: '8f3c2a91-5b7e-4d6a-9c1f-2e4b6a8d0c13',
  username: 'demo@ledgerbridge.example',
  password: 'demo-password',
  identities: [
    { id: '5d0c6b1e-2f4a-4e8b-9a3c-7b1d2e3f4a51', clientId: 1001, clientName: 'Demo Handel AS' },
    { id: '5d0c6b1e-2f4a-4e8b-9a3c-7b1d2e3f4a52', clientId: 1002, clientName: 'Demo Kafé AS' },
  ],
} as const;

/** The real service paths (§1), relative to `url`. */
export const SERVICE_PATHS = {
  authenticate: '/authenticate/v001/authenticate.asmx',
  account: '/Economy/Account/V004/Accountservice.asmx',
  transaction: '/Economy/Accounting/V001/TransactionService.asmx',
  client: '/Client/V001/ClientService.asmx',
  company: '/CRM/Company/V001/CompanyService.asmx',
  invoice: '/Economy/InvoiceOrder/V001/InvoiceService.asmx',
  product: '/Logistics/Product/V001/ProductService.asmx',
  project: '/Project/V001/ProjectService.asmx',
  attachment: '/Economy/Accounting/Accounting_V001/AttachmentService.asmx',
} as const;

export async function startTwentyFourSevenOfficeSandbox(options: TwentyFourSevenOfficeSandboxOptions = {}): Promise<TwentyFourSevenOfficeSandbox> {
  const now = options.now ?? (() => new Date());
  const store = new Store(now, (options.sessionIdleMinutes ?? 20) * 60_000);
  const limiter = new RateLimiter(options.hourlyLimit ?? 7200, now);
  const faults = new FaultRegistry();
  const admin = new SandboxAdmin(store, limiter, faults);
  const file = options.stateFile ? stateFile(options.stateFile, () => store.snapshot()) : undefined;
  const saved = file?.load();
  if (saved) store.restore(saved);
  else if (options.seed ?? true) {
    admin.createUser({ ...DEMO_CREDENTIALS, name: 'Demo Regnskap', identities: DEMO_CREDENTIALS.identities.map((i) => ({ ...i })) });
  }
  const handler = createRequestHandler({ store, limiter, faults, admin: adminRoutes(admin), maxRequestBytes: options.maxRequestBytes ?? 10 * 1024 * 1024, onRequest: options.onRequest });
  const server = await listen(http.createServer(persistRequests(handler, file)), options.port, options.host);
  await file?.flush();
  return { ...server, admin, close: closeAndSave(server, file) };
}
