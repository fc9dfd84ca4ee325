/**
 * The SOAP services we use: which host, which real path, which WSDL file and port. API doc §1.
 * Our own WSDL subset in ./wsdl has the originals' names, namespaces and SOAPActions; endpoints come from settings.
 */
export type ServiceName = 'auth' | 'account' | 'transaction' | 'client' | 'company' | 'invoice' | 'product' | 'project' | 'attachment';

export interface ServiceInfo {
  host: 'api' | 'ws';
  path: string;
  wsdl: string;
  /** wsdl:service and its SOAP 1.1 port: we always call through that port, never the Soap12 one. */
  service: string;
  port: string;
}

export const SERVICES: Record<ServiceName, ServiceInfo> = {
  auth: { host: 'api', path: '/authenticate/v001/authenticate.asmx', wsdl: 'authService.wsdl', service: 'Authenticate', port: 'AuthenticateSoap' },
  account: { host: 'api', path: '/Economy/Account/V004/Accountservice.asmx', wsdl: 'accountService.wsdl', service: 'AccountService', port: 'AccountServiceSoap' },
  transaction: { host: 'api', path: '/Economy/Accounting/V001/TransactionService.asmx', wsdl: 'transactionService.wsdl', service: 'TransactionService', port: 'TransactionServiceSoap' },
  client: { host: 'api', path: '/Client/V001/ClientService.asmx', wsdl: 'clientService.wsdl', service: 'ClientService', port: 'ClientServiceSoap' },
  company: { host: 'api', path: '/CRM/Company/V001/CompanyService.asmx', wsdl: 'companyService.wsdl', service: 'CompanyService', port: 'CompanyServiceSoap' },
  invoice: { host: 'api', path: '/Economy/InvoiceOrder/V001/InvoiceService.asmx', wsdl: 'invoiceService.wsdl', service: 'InvoiceService', port: 'InvoiceServiceSoap' },
  product: { host: 'api', path: '/Logistics/Product/V001/ProductService.asmx', wsdl: 'productService.wsdl', service: 'ProductService', port: 'ProductServiceSoap' },
  project: { host: 'ws', path: '/Project/V001/ProjectService.asmx', wsdl: 'projectService.wsdl', service: 'ProjectService', port: 'ProjectServiceSoap' },
  attachment: { host: 'ws', path: '/Economy/Accounting/Accounting_V001/AttachmentService.asmx', wsdl: 'attachmentService.wsdl', service: 'AttachmentService', port: 'AttachmentServiceSoap' },
};
