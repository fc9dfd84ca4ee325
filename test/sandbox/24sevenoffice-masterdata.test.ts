/**
 * The sandbox's master-data services on the wire (raw SOAP): companies, projects, departments, products,
 * invoices and attachments — create/update semantics, per-item APIException and returnProperties.
 */
import { DEMO_CREDENTIALS, SERVICE_PATHS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { items, NS_A, NS_B, rawSoap } from '../../sandbox/24sevenoffice/rawSoap';

const c = DEMO_CREDENTIALS;
let sb: TwentyFourSevenOfficeSandbox;
let sessionId: string;
const url = (service: keyof typeof SERVICE_PATHS) => sb.url + SERVICE_PATHS[service];
const call = async (service: keyof typeof SERVICE_PATHS, op: string, inner = '', ns = NS_A) => {
  const answer = await rawSoap(url(service), op, ns, inner, { sessionId });
  expect(answer.fault).toBeUndefined();
  return answer.result;
};
const props = (...names: string[]) => names.map((n) => `<string>${n}</string>`).join('');

beforeAll(async () => {
  sb = await startTwentyFourSevenOfficeSandbox();
  const login = await rawSoap(url('authenticate'), 'Login', NS_A, `<credential><ApplicationId>${c.applicationId}</ApplicationId><Password>${c.password}</Password><Username>${c.username}</Username></credential>`);
  sessionId = String(login.result);
});
afterAll(async () => {
  await sb.close();
});

test('SaveCompanies creates without Id, updates with Id, and reports bad items in APIException', async () => {
  const saved = items(
    await call('company', 'SaveCompanies', `<companies>
      <Company><ExternalId>TEL-77</ExternalId><OrganizationNumber>987654321</OrganizationNumber><Name>Telaris Kunde AS</Name><Type>Business</Type></Company>
      <Company><Id>99999</Id><Name>Ghost AS</Name></Company>
      <Company><Country>Norway</Country></Company></companies>`),
    'Company',
  );
  expect(saved[0]).toMatchObject({ Name: 'Telaris Kunde AS', Type: 'Business' });
  const id = Number(saved[0]!.Id);
  expect(id).toBeGreaterThan(10000);
  expect(saved[1]).toMatchObject({ APIException: { Message: 'Company with Id 99999 does not exist' } });
  expect((saved[2]!.APIException as Record<string, string>).Message).toContain('Name is required');

  await call('company', 'SaveCompanies', `<companies><Company><Id>${id}</Id><Name>Telaris Kunde AS (ny)</Name></Company></companies>`);
  const found = items(await call('company', 'GetCompanies', `<searchParams><ExternalId>TEL-77</ExternalId></searchParams><returnProperties>${props('Id', 'Name', 'OrganizationNumber')}</returnProperties>`), 'Company');
  expect(found).toEqual([{ Id: String(id), Name: 'Telaris Kunde AS (ny)', OrganizationNumber: '987654321' }]);
  const byOrg = items(await call('company', 'GetCompanies', `<searchParams><OrganizationNumber>987654321</OrganizationNumber></searchParams><returnProperties>${props('Id')}</returnProperties>`), 'Company');
  expect(byOrg).toEqual([{ Id: String(id) }]);
});

test('GetCompanies without returnProperties returns empty objects (a classic mistake, §11)', async () => {
  const found = await rawSoap(url('company'), 'GetCompanies', NS_A, '<searchParams><CompanyId>10001</CompanyId></searchParams>', { sessionId });
  expect(found.body).toContain('<GetCompaniesResult><Company /></GetCompaniesResult>');
});

test('SaveProject returns the new id; GetProjectList finds it; GetDepartmentList lists seeded and admin-added departments', async () => {
  const id = Number(await call('project', 'SaveProject', '<project><Name>Dagsoppgjør Bergen</Name><NameDisplay>Plain</NameDisplay><TimeReg>WorkType</TimeReg><Version>1</Version></project>'));
  expect(id).toBeGreaterThan(0);
  const projects = items(await call('project', 'GetProjectList', `<Ps><ProjectIds><int>${id}</int></ProjectIds></Ps>`), 'Project');
  expect(projects).toEqual([expect.objectContaining({ Id: String(id), Name: 'Dagsoppgjør Bergen', NameDisplay: 'Plain' })]);

  const departmentId = sb.admin.addDepartment(1001, { Name: 'Nettbutikk' });
  const departments = items(await call('client', 'GetDepartmentList'), 'Department');
  expect(departments.map((d) => d.Name)).toEqual(expect.arrayContaining(['Hovedkontor', 'Nettbutikk']));
  expect(departments.find((d) => d.Name === 'Nettbutikk')!.Id).toBe(String(departmentId));
});

test('products: SaveProducts needs a category, SetStockQuantity sets the stock, GetProducts filters by No', async () => {
  const saved = items(await call('product', 'SaveProducts', '<products><Product><Name>Te 100 g</Name><CategoryId>1</CategoryId><Price>39.90</Price><No>TE-100</No></Product><Product><Name>Uten kategori</Name></Product></products>'), 'Product');
  const id = saved[0]!.Id;
  expect((saved[1]!.APIException as Record<string, string>).Message).toContain('CategoryId is required');
  expect(await call('product', 'SetStockQuantity', `<productId>${id}</productId><stockQuantity>12.5</stockQuantity>`)).toBe('true');
  expect(await call('product', 'SetStockQuantity', '<productId>424242</productId><stockQuantity>1</stockQuantity>')).toBe('false');
  const found = items(await call('product', 'GetProducts', `<searchParams><No>TE-100</No></searchParams><returnProperties>${props('Id', 'Stock', 'Price')}</returnProperties>`), 'Product');
  expect(found).toEqual([{ Id: id, Stock: '12.5', Price: '39.90' }]);
});

test('invoices: SaveInvoices creates an order with totals; an invoiced order can not be changed', async () => {
  const saved = items(
    await call('invoice', 'SaveInvoices', `<invoices><InvoiceOrder><CustomerId>10001</CustomerId><OrderStatus>Invoiced</OrderStatus><IncludeVAT xsi:nil="true" />
      <InvoiceRows><InvoiceRow><ProductId>1</ProductId><VatRate>15</VatRate><Price>89.00</Price><Name>Kaffe</Name><Quantity>2</Quantity></InvoiceRow></InvoiceRows></InvoiceOrder></invoices>`),
    'InvoiceOrder',
  );
  expect(saved[0]).toMatchObject({ CustomerName: 'Nordlys Handel AS', OrderTotalIncVat: '204.70', OrderTotalVat: '26.70', OrderStatus: 'Invoiced' });
  const orderId = saved[0]!.OrderId;
  const again = items(await call('invoice', 'SaveInvoices', `<invoices><InvoiceOrder><OrderId>${orderId}</OrderId><InvoiceTitle>x</InvoiceTitle></InvoiceOrder></invoices>`), 'InvoiceOrder');
  expect((again[0]!.APIException as Record<string, string>).Message).toContain('is invoiced');
  const found = items(await call('invoice', 'GetInvoices', `<searchParams><OrderIds><int>${orderId}</int></OrderIds></searchParams><invoiceReturnProperties>${props('OrderId', 'InvoiceId')}</invoiceReturnProperties><rowReturnProperties>${props('Name')}</rowReturnProperties>`), 'InvoiceOrder');
  // IncludeVAT is minOccurs=1 nillable: XmlSerializer writes it as xsi:nil even when not asked for.
  expect(found).toEqual([{ OrderId: orderId, InvoiceId: saved[0]!.InvoiceId, IncludeVAT: '', InvoiceRows: { InvoiceRow: { Name: 'Kaffe' } } }]);
});

test('attachments: Create, AppendChunk at increasing offsets, Save; only then GetFileInfo shows the file', async () => {
  const pdf = Buffer.from('%PDF-1.4\n% ledgerbridge test\n%%EOF\n');
  const file = (await call('attachment', 'Create', '<type>Pdf</type>', NS_B)) as Record<string, string>;
  const ref = `<file><Id>${file.Id}</Id><Type>Pdf</Type><StampNo>${file.StampNo}</StampNo></file>`;
  await call('attachment', 'AppendChunk', `${ref}<buffer>${pdf.subarray(0, 10).toString('base64')}</buffer><offset>0</offset>`, NS_B);
  const wrongOffset = await rawSoap(url('attachment'), 'AppendChunk', NS_B, `${ref}<buffer>${pdf.subarray(10).toString('base64')}</buffer><offset>3</offset>`, { sessionId });
  expect(wrongOffset.fault).toContain('Invalid offset 3');
  await call('attachment', 'AppendChunk', `${ref}<buffer>${pdf.subarray(10).toString('base64')}</buffer><offset>10</offset>`, NS_B);
  const query = `<parameters><FileId><int>${file.Id}</int></FileId><HasStampNo xsi:nil="true" /><FileApproved xsi:nil="true" /></parameters>`;
  expect(items(await call('attachment', 'GetFileInfo', query, NS_B), 'ImageFile')).toEqual([]);
  await call('attachment', 'Save', `${ref}<location>Journal</location>`, NS_B);
  expect(items(await call('attachment', 'GetFileInfo', query, NS_B), 'ImageFile')).toEqual([expect.objectContaining({ Id: file.Id, Type: 'Pdf', StampNo: file.StampNo })]);
});

test('an invalid enum value is refused as an unreadable request (soap:Client)', async () => {
  const answer = await rawSoap(url('attachment'), 'Create', NS_B, '<type>Docx</type>', { sessionId });
  expect(answer.status).toBe(500);
  expect(answer.fault).toBe("Server was unable to read request. ---> There is an error in XML document (1, 1). ---> Instance validation error: 'Docx' is not a valid value for ImageType.");
});
