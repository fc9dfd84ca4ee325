/**
 * The services of §1 that ledgerbridge uses (PersonService is not), each at its real path (taken from our
 * WSDL's soap:address), with its operations. Paths are matched case-insensitively, as IIS does; api. and webservices. paths share one server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { accountOps } from './ops/account';
import { attachmentOps } from './ops/attachment';
import { authOps } from './ops/auth';
import { companyOps } from './ops/company';
import type { OpHandler } from './ops/context';
import { invoiceOps } from './ops/invoice';
import { productOps } from './ops/product';
import { projectOps } from './ops/project';
import { clientOps, transactionOps } from './ops/transaction';
import { loadServiceSchema, type ServiceSchema } from './schema';

export const WSDL_DIR = path.resolve(__dirname, '../../connectors/24sevenoffice/wsdl');

export interface ServiceDef {
  file: string;
  /** path as in the WSDL address, e.g. /Economy/Account/V004/Accountservice.asmx */
  path: string;
  schema: ServiceSchema;
  wsdl: string;
  ops: Record<string, OpHandler>;
  /** SOAPAction → operation */
  byAction: Map<string, string>;
}

const OPS: Record<string, Record<string, OpHandler>> = {
  'authService.wsdl': authOps,
  'accountService.wsdl': accountOps,
  'transactionService.wsdl': transactionOps,
  'clientService.wsdl': clientOps,
  'companyService.wsdl': companyOps,
  'invoiceService.wsdl': invoiceOps,
  'productService.wsdl': productOps,
  'projectService.wsdl': projectOps,
  'attachmentService.wsdl': attachmentOps,
};

let cache: ServiceDef[] | undefined;

/** Loaded once per process: WSDLs are read from disk, never per call. */
export function loadServices(): ServiceDef[] {
  if (cache) return cache;
  cache = Object.entries(OPS).map(([file, ops]) => {
    const full = path.join(WSDL_DIR, file);
    const schema = loadServiceSchema(full);
    for (const op of schema.soapActions.keys()) if (!ops[op]) throw new Error(`${file}: operation ${op} has no sandbox handler`);
    return {
      file,
      path: new URL(schema.addresses[0]!).pathname,
      schema,
      wsdl: fs.readFileSync(full, 'utf8'),
      ops,
      byAction: new Map([...schema.soapActions].map(([op, action]) => [action, op])),
    };
  });
  return cache;
}

/** The WSDL as served at `<path>?WSDL`: addresses point at the sandbox that answered. */
export function wsdlFor(service: ServiceDef, baseUrl: string): string {
  return service.wsdl.replace(/location="https:\/\/(api|webservices)\.24sevenoffice\.com/g, `location="${baseUrl}`);
}
