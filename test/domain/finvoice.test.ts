import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { finvoiceDocument, FinvoiceError, isFinnishReference, isRfReference, LIMITS, paymentReference, finnishReference, rfReference } from '../../domain/finvoice';
import type { SalesInvoice } from '../../domain/invoice/salesInvoice';
import { FINVOICE_XSD, FINVOICE_XSD_MISSING, finvoiceXsdAvailable, validateFinvoice } from '../harness/finvoiceXsd';
import { aRow, aSalesInvoice } from './salesInvoiceFixture';

const schema = finvoiceXsdAvailable();
if (!schema) console.warn(FINVOICE_XSD_MISSING);
const withSchema = schema ? test : test.skip;

const message = { messageId: 'msg-0001', timestamp: '2026-12-01T10:00:00Z' };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['InvoiceRow', 'VatSpecificationDetails', 'InvoiceFreeText', 'RowFreeText'].includes(name) });

/** Writes the document, checks it against the XSD, and returns it parsed for assertions. */
function written(invoice: SalesInvoice) {
  const xml = finvoiceDocument(invoice, message);
  if (schema) expect(validateFinvoice(xml)).toEqual({ ok: true, errors: [] });
  return { xml, doc: parser.parse(xml).Finvoice };
}

const value = (node: unknown): string => (typeof node === 'object' && node !== null ? String((node as Record<string, unknown>)['#text'] ?? '') : String(node));

describe('Finnish reference numbers (7-3-1 check digit) and RF creditor references (ISO 11649)', () => {
  test('known references get their check digits', () => {
    expect(finnishReference('123456')).toBe('1234561');
    expect(finnishReference('1232')).toBe('12328'); // 2·7 + 3·3 + 2·1 + 1·7 = 32 → 8
    expect(finnishReference('100')).toBe('1009');
    expect(rfReference('539007547034')).toBe('RF18539007547034'); // ISO 11649's own example
  });

  test('validation accepts the printed forms and refuses a wrong check digit', () => {
    expect(isFinnishReference('12345 61')).toBe(true);
    expect(isFinnishReference('1234562')).toBe(false);
    expect(isFinnishReference('123')).toBe(false); // at least 4 digits with the check digit
    expect(isRfReference('RF18 5390 0754 7034')).toBe(true);
    expect(isRfReference('RF19539007547034')).toBe(false);
    expect(isRfReference(rfReference('1234561'))).toBe(true);
  });

  test('an invoice without a reference gets one from its number; a wrong one is refused', () => {
    expect(paymentReference('INV-2026-0042')).toEqual({ reference: finnishReference('20260042'), scheme: 'SPY' });
    expect(paymentReference('7')).toEqual({ reference: finnishReference('1007'), scheme: 'SPY' });
    expect(paymentReference('1', 'rf18 5390 0754 7034')).toEqual({ reference: 'RF18539007547034', scheme: 'ISO' });
    expect(() => paymentReference('1', '1234562')).toThrow(/not a valid Finnish reference number/);
    expect(() => paymentReference('ABC')).toThrow(/no digits/);
  });
});

describe('Finvoice 3.0 documents', () => {
  test('the length table is the XSD\'s', () => {
    if (!fs.existsSync(FINVOICE_XSD)) return console.warn(FINVOICE_XSD_MISSING);
    const xsd = fs.readFileSync(FINVOICE_XSD, 'utf8');
    for (const [name, bound] of Object.entries(LIMITS)) {
      const types = [...xsd.matchAll(new RegExp(`<xs:element name="${name}" type="([^"]+)"`, 'g'))].map((m) => m[1]!);
      expect({ name, types: types.length > 0 }).toEqual({ name, types: true });
      for (const type of new Set(types)) {
        const base = /_?(\d+)_(\d+)$/.exec(type) ?? /_?(\d+)_(\d+)$/.exec(typeBase(xsd, type));
        expect({ name, type, min: Number(base![1]), max: Number(base![2]) }).toEqual({ name, type, min: bound.min, max: bound.max });
      }
    }
  });

  withSchema.each([25.5, 14, 13.5, 10, 0])('VAT %p %: rows, the VAT specification and totals in comma decimals', (rate) => {
    const { doc } = written(aSalesInvoice({ rowSpecs: [{ quantity: 7.5, unitPrice: 120, vatPercent: rate, productCode: 'C1', salesAccount: '3000' }, { quantity: 1, unitPrice: 0.12345, vatPercent: rate }] }));
    const net = 90000 + 12;
    const vat = Math.round((90000 * rate) / 100) + Math.round((12 * rate) / 100);
    const spec = doc.InvoiceDetails.VatSpecificationDetails;
    expect(spec).toHaveLength(1);
    expect(value(spec[0].VatBaseAmount)).toBe(comma(net));
    expect(value(spec[0].VatRateAmount)).toBe(comma(vat));
    expect(spec[0].VatRatePercent).toBe(String(rate).replace('.', ','));
    expect(spec[0].VatCode).toBe(rate > 0 ? 'S' : 'Z');
    expect(value(doc.InvoiceDetails.InvoiceTotalVatIncludedAmount)).toBe(comma(net + vat));
    expect(value(doc.EpiDetails.EpiPaymentInstructionDetails.EpiInstructedAmount)).toBe(comma(net + vat));
    const [first, second] = doc.InvoiceRow;
    expect(value(first.DeliveredQuantity)).toBe('7,5');
    expect(value(first.UnitPriceAmount)).toBe('120,00');
    expect(value(first.RowVatExcludedAmount)).toBe('900,00');
    expect(first.RowNormalProposedAccountIdentifier).toBe('3000');
    expect(value(second.UnitPriceAmount)).toBe('0,12345');
  });

  withSchema('several VAT rates: one specification line per rate, summing to the totals', () => {
    const rows = [25.5, 14, 25.5, 10, 0, 13.5].map((vatPercent, i) => aRow({ vatPercent, unitPrice: 10 * (i + 1) }, i));
    const { doc } = written(aSalesInvoice({ rows }));
    const spec: Array<Record<string, unknown>> = doc.InvoiceDetails.VatSpecificationDetails;
    expect(spec.map((s) => s.VatRatePercent)).toEqual(['25,5', '14', '13,5', '10', '0']);
    expect(value(spec[0]!.VatBaseAmount)).toBe('40,00'); // rows 1 and 3
    const cents = (s: unknown) => Number(value(s).replace(',', ''));
    expect(spec.reduce((sum, s) => sum + cents(s.VatRateAmount), 0)).toBe(cents(doc.InvoiceDetails.InvoiceTotalVatAmount));
  });

  withSchema('a credit note: INV02 / 381, negative amounts, the credited invoice number', () => {
    const { doc } = written(aSalesInvoice({ number: '10043', isCreditNote: true, creditedInvoiceNumber: '10042', rowSpecs: [{ quantity: -2, unitPrice: 50, vatPercent: 25.5 }] }));
    expect(doc.InvoiceDetails.InvoiceTypeCode).toBe('INV02');
    expect(doc.InvoiceDetails.InvoiceTypeCodeUN).toBe('381');
    expect(doc.InvoiceDetails.InvoiceTypeText).toBe('HYVITYSLASKU');
    expect(doc.InvoiceDetails.OriginalInvoiceNumber).toBe('10042');
    expect(value(doc.InvoiceDetails.InvoiceTotalVatIncludedAmount)).toBe('-125,50');
    expect(value(doc.InvoiceRow[0].InvoicedQuantity)).toBe('-2');
    expect(value(doc.EpiDetails.EpiPaymentInstructionDetails.EpiInstructedAmount)).toBe('-125,50');
    expect(() => finvoiceDocument(aSalesInvoice({ isCreditNote: true }), message)).toThrow(/credit note without the number/);
  });

  withSchema('Finnish characters and XML specials arrive intact', () => {
    const name = 'Åke & Äijä <Öljy> "Oy" Ålands Ä Ö å';
    const { xml, doc } = written(aSalesInvoice({ buyer: { ...aSalesInvoice().buyer, name }, notes: 'Kiitos tilauksesta — äöå ÄÖÅ' }));
    expect(doc.BuyerPartyDetails.BuyerOrganisationName).toBe(name);
    expect(doc.InvoiceDetails.InvoiceFreeText).toEqual(['Kiitos tilauksesta — äöå ÄÖÅ']);
    expect(xml).toContain('Åke &amp; Äijä &lt;Öljy&gt;');
  });

  withSchema('a foreign buyer (SE) keeps its country; Swedish words for a Swedish buyer', () => {
    const buyer = { customerNumber: 'S-1', name: 'Svensk Kund AB', vatNumber: 'SE556677889901', language: 'sv', address: { street: 'Drottninggatan 1', postalCode: '111 51', city: 'Stockholm', countryCode: 'SE', countryName: 'Sverige' } };
    const { doc } = written(aSalesInvoice({ buyer, rowSpecs: [{ vatPercent: 0 }] }));
    expect(doc.BuyerPartyDetails.BuyerPostalAddressDetails.CountryCode).toBe('SE');
    expect(doc.BuyerPartyDetails.BuyerPostalAddressDetails.CountryName).toBe('Sverige');
    expect(doc.BuyerPartyDetails.BuyerOrganisationTaxCode).toBe('SE556677889901');
    expect(doc.InvoiceDetails.InvoiceTypeText).toBe('FAKTURA');
    expect(doc.MessageTransmissionDetails).toBeUndefined(); // no e-invoice address: Talenom mails it
  });

  withSchema('a consumer has no business id; a row without product code has no ArticleIdentifier', () => {
    const buyer = { customerNumber: 'K-7', name: 'Matti Meikäläinen', address: { street: 'Kotikatu 1 A 2', postalCode: '00500', city: 'Helsinki', countryCode: 'FI' } };
    const { doc } = written(aSalesInvoice({ buyer, rowSpecs: [{ description: 'Ilman koodia' }] }));
    expect(doc.BuyerPartyDetails.BuyerPartyIdentifier).toBeUndefined();
    expect(doc.InvoiceRow[0].ArticleIdentifier).toBeUndefined();
    expect(doc.InvoiceRow[0].ArticleName).toBe('Ilman koodia');
  });

  withSchema('over-long texts everywhere are cut to the XSD\'s bounds, long notes split', () => {
    const long = (n: number) => 'Pitkä teksti äöå & <x> '.repeat(Math.ceil(n / 23)).slice(0, n);
    const base = aSalesInvoice();
    const address = { street: long(200), postalCode: long(60), city: long(80), countryCode: 'FI', countryName: long(90) };
    const invoice = aSalesInvoice({
      number: '12345678901234567890', orderNumber: long(300), ourReference: long(300), yourReference: long(300), notes: long(5000),
      seller: { ...base.seller, name: long(300), businessId: long(60), vatNumber: long(60), email: long(200), phone: long(90), address, eInvoice: { address: long(80), operator: long(80) } },
      buyer: { ...base.buyer, name: long(300), businessId: long(60), vatNumber: long(60), email: long(200), address, eInvoice: { address: long(80), operator: long(80) } },
      rowSpecs: [{ description: long(2000), productCode: long(200), unit: long(40) }],
    });
    const { doc } = written(invoice);
    expect(doc.BuyerPartyDetails.BuyerOrganisationName).toHaveLength(70);
    expect(doc.InvoiceDetails.InvoiceFreeText).toHaveLength(4);
    expect(doc.InvoiceDetails.InvoiceFreeText.every((t: string) => [...t].length <= 512)).toBe(true);
    expect(doc.InvoiceRow[0].ArticleName.length).toBeLessThanOrEqual(100);
    expect(doc.InvoiceRow[0].RowFreeText.length).toBeGreaterThan(0);
    expect(() => finvoiceDocument(aSalesInvoice({ number: '123456789012345678901' }), message)).toThrow(/20 characters/);
  });

  withSchema('many rows: 500 rows in one valid document, positions numbered', () => {
    const { doc } = written(aSalesInvoice({ rowSpecs: Array.from({ length: 500 }, (_, i) => ({ unitPrice: i + 1, vatPercent: [25.5, 14, 10][i % 3] })) }));
    expect(doc.InvoiceRow).toHaveLength(500);
    expect(doc.InvoiceRow[499].RowPositionIdentifier).toBe('500');
  });

  withSchema('the reference: given RF as ISO, derived Finnish as SPY with its check digit', () => {
    const rf = written(aSalesInvoice({ referenceNumber: 'RF18 5390 0754 7034' })).doc.EpiDetails.EpiPaymentInstructionDetails.EpiRemittanceInfoIdentifier;
    expect(rf).toEqual({ '#text': 'RF18539007547034', '@IdentificationSchemeName': 'ISO' });
    const spy = written(aSalesInvoice({ number: '10042' })).doc.EpiDetails.EpiPaymentInstructionDetails.EpiRemittanceInfoIdentifier;
    expect(spy).toEqual({ '#text': '100421', '@IdentificationSchemeName': 'SPY' });
  });

  test('data that cannot be written truthfully is refused, naming the invoice', () => {
    const invoice = aSalesInvoice();
    expect(() => finvoiceDocument({ ...invoice, totals: { ...invoice.totals, gross: (invoice.totals.gross + 1) as never } }, message)).toThrow(/invoice 10042: totals .* are not the sums of the rows/);
    expect(() => finvoiceDocument(aSalesInvoice({ rowSpecs: [{ salesAccount: '300000' }] }), message)).toThrow(FinvoiceError);
    expect(() => finvoiceDocument({ ...invoice, seller: { ...invoice.seller, iban: 'not an iban' } }, message)).toThrow(/IBAN/);
  });
});

function comma(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** The base type a named simple or complex type restricts or extends, for types like PartyLegalRegIdType. */
function typeBase(xsd: string, type: string): string {
  const at = xsd.indexOf(`name="${type}"`);
  return /base="([^"]+)"/.exec(xsd.slice(at, at + 600))?.[1] ?? type;
}
