/**
 * A SalesInvoice as a Finvoice 3.0 document (Finance Finland's Finvoice3.0.xsd and its implementation guidelines):
 * the blocks in the schema's order, comma decimals, negative amounts on a credit note, every text cut to its
 * element's bound, so that no document this writes fails the schema. Data that cannot be written truthfully (an
 * invoice number over 20 characters, a wrong reference, totals that are not the rows' sums) is a FinvoiceError
 * naming the invoice and the field, never a silently changed document.
 */
import type { Buyer, SalesInvoice, SalesInvoiceRow, Seller } from '../invoice/salesInvoice';
import { sumMinor } from '../money';
import { amount, ccyymmdd, decimal, FinvoiceError, percent } from './format';
import { MAX_INVOICE_FREE_TEXTS, MAX_ROW_FREE_TEXTS } from './limits';
import { paymentReference, ReferenceError } from './reference';
import { block, leaf, line, requiredText, text, texts, type Node } from './xml';
import { invoiceWords, quantityUnitUN } from './words';

export interface FinvoiceMessage {
  /** Unique per sent document (MessageIdentifier, 2–48 characters). */
  messageId: string;
  /** ISO 8601 instant (MessageTimeStamp, xs:dateTime). */
  timestamp: string;
  /** The receiving operator's intermediator id, when it is not the buyer's e-invoice operator. */
  receiverIntermediator?: string;
}

export function finvoiceDocument(invoice: SalesInvoice, message: FinvoiceMessage): string {
  const at = `invoice ${invoice.number}`;
  if ([...invoice.number].length > 20) throw new FinvoiceError(`${at}: the invoice number has more than the 20 characters Finvoice InvoiceNumber allows; number invoices shorter at the source`);
  if (invoice.rows.length === 0) throw new FinvoiceError(`${at} has no rows; Finvoice needs at least one InvoiceRow`);
  checkTotals(invoice);
  let reference;
  try {
    reference = paymentReference(invoice.number, invoice.referenceNumber);
  } catch (err) {
    if (err instanceof ReferenceError) throw new FinvoiceError(err.message);
    throw err;
  }
  const currency = invoice.currency;
  if (!/^[A-Z]{3}$/.test(currency)) throw new FinvoiceError(`${at}: currency "${currency}" is not an ISO 4217 code`);
  const money = (minor: number) => ({ content: amount(minor), attrs: { AmountCurrencyIdentifier: currency } });
  const amountLeaf = (name: string, minor: number) => leaf(name, money(minor).content, money(minor).attrs);
  const date = (name: string, iso: string, what: string) => leaf(name, ccyymmdd(iso, `${at}: ${what}`), { Format: 'CCYYMMDD' });
  const words = invoiceWords(invoice.buyer.language);
  const seller = accounts(invoice.seller, at);

  const body = [
    transmission(invoice, message, at),
    sellerParty(invoice.seller, at),
    text('SellerOrganisationUnitNumber', invoice.seller.eInvoice?.address),
    block('SellerCommunicationDetails', [text('SellerPhoneNumberIdentifier', invoice.seller.phone), text('SellerEmailaddressIdentifier', invoice.seller.email)]),
    block('SellerInformationDetails', [block('SellerAccountDetails', [
      leaf('SellerAccountID', seller.iban, { IdentificationSchemeName: 'IBAN' }),
      leaf('SellerBic', seller.bic, { IdentificationSchemeName: 'BIC' }),
    ])]),
    languageCode(invoice.buyer.language),
    buyerParty(invoice.buyer, at),
    text('BuyerOrganisationUnitNumber', invoice.buyer.eInvoice?.address),
    block('BuyerCommunicationDetails', [text('BuyerEmailaddressIdentifier', invoice.buyer.email)]),
    block('InvoiceDetails', [
      leaf('InvoiceTypeCode', invoice.isCreditNote ? 'INV02' : 'INV01'),
      leaf('InvoiceTypeCodeUN', invoice.isCreditNote ? '381' : '380'),
      requiredText('InvoiceTypeText', invoice.isCreditNote ? words.creditNote : words.invoice, `${at}: the invoice type text`),
      leaf('OriginCode', 'Original'),
      requiredText('InvoiceNumber', invoice.number, `${at}: the invoice number`),
      date('InvoiceDate', invoice.date, 'invoice date'),
      invoice.isCreditNote ? originalInvoiceNumber(invoice, at) : undefined,
      text('SellerReferenceIdentifier', invoice.ourReference),
      text('OrderIdentifier', invoice.orderNumber),
      text('BuyerReferenceIdentifier', invoice.yourReference),
      amountLeaf('RowsTotalVatExcludedAmount', invoice.totals.net),
      amountLeaf('InvoiceTotalVatExcludedAmount', invoice.totals.net),
      amountLeaf('InvoiceTotalVatAmount', invoice.totals.vat),
      amountLeaf('InvoiceTotalVatIncludedAmount', invoice.totals.gross),
      ...vatSpecification(invoice.rows).map((v) => block('VatSpecificationDetails', [
        amountLeaf('VatBaseAmount', v.base),
        leaf('VatRatePercent', percent(v.rate)),
        leaf('VatCode', vatCode(v.rate)),
        amountLeaf('VatRateAmount', v.vat),
      ])),
      ...texts('InvoiceFreeText', invoice.notes, MAX_INVOICE_FREE_TEXTS),
      block('PaymentTermsDetails', [
        invoice.paymentTermDays === undefined ? undefined : text('PaymentTermsFreeText', words.paymentTerms(invoice.paymentTermDays)),
        date('InvoiceDueDate', invoice.dueDate, 'due date'),
        invoice.overdueInterestPercent === undefined ? undefined : block('PaymentOverDueFineDetails', [
          text('PaymentOverDueFineFreeText', words.overdueInterest),
          leaf('PaymentOverDueFinePercent', percent(invoice.overdueInterestPercent)),
        ]),
      ]),
    ]),
    ...invoice.rows.map((row, i) => invoiceRow(row, i + 1, currency, `${at}, row ${i + 1}`)),
    block('EpiDetails', [
      block('EpiIdentificationDetails', [date('EpiDate', invoice.date, 'invoice date'), leaf('EpiReference', '')]),
      block('EpiPartyDetails', [
        block('EpiBfiPartyDetails', [leaf('EpiBfiIdentifier', seller.bic, { IdentificationSchemeName: 'BIC' })]),
        block('EpiBeneficiaryPartyDetails', [
          requiredText('EpiNameAddressDetails', invoice.seller.name, `${at}: the seller's name`),
          leaf('EpiAccountID', seller.iban, { IdentificationSchemeName: 'IBAN' }),
        ]),
      ]),
      block('EpiPaymentInstructionDetails', [
        leaf('EpiRemittanceInfoIdentifier', reference.reference, { IdentificationSchemeName: reference.scheme }),
        amountLeaf('EpiInstructedAmount', invoice.totals.gross),
        leaf('EpiCharge', '', { ChargeOption: 'SHA' }),
        date('EpiDateOptionDate', invoice.dueDate, 'due date'),
        leaf('EpiPaymentMeansCode', '58'), // UNTDID 4461: SEPA credit transfer
      ]),
    ]),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${block('Finvoice', body, { Version: '3.0' })}\n`;
}

/**
 * Sender and receiver of the e-invoice message. Written only when both e-invoice addresses are known: a buyer
 * without one (e-invoicing off) gets the invoice by mail or e-mail from Talenom, and the block is optional.
 */
function transmission(invoice: SalesInvoice, message: FinvoiceMessage, at: string): Node {
  const from = invoice.seller.eInvoice;
  const to = invoice.buyer.eInvoice;
  if (!from || !to) return undefined;
  if (Number.isNaN(Date.parse(message.timestamp))) throw new FinvoiceError(`${at}: message time stamp "${message.timestamp}" is not an ISO 8601 instant`);
  return block('MessageTransmissionDetails', [
    block('MessageSenderDetails', [
      requiredText('FromIdentifier', from.address, `${at}: the seller's e-invoice address`, { SchemeID: scheme(from.address) }),
      requiredText('FromIntermediator', from.operator, `${at}: the seller's e-invoice operator`),
    ]),
    block('MessageReceiverDetails', [
      requiredText('ToIdentifier', to.address, `${at}: the buyer's e-invoice address`, { SchemeID: scheme(to.address) }),
      requiredText('ToIntermediator', message.receiverIntermediator ?? to.operator, `${at}: the buyer's e-invoice operator`),
    ]),
    block('MessageDetails', [
      requiredText('MessageIdentifier', message.messageId, `${at}: the message id`),
      leaf('MessageTimeStamp', message.timestamp),
    ]),
  ]);
}

/** SchemeID of an e-invoice address: 0037 for a Finnish OVT code, IBAN for a bank account, none otherwise. */
function scheme(address: string): string | undefined {
  const compact = address.replace(/\s+/g, '');
  if (/^0037\d{8,}/.test(compact)) return '0037';
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return 'IBAN';
  return undefined;
}

function sellerParty(seller: Seller, at: string): Node {
  return block('SellerPartyDetails', [
    text('SellerPartyIdentifier', seller.businessId),
    requiredText('SellerOrganisationName', seller.name, `${at}: the seller's name`),
    text('SellerOrganisationTaxCode', seller.vatNumber),
    postalAddress('Seller', seller.address),
  ]);
}

function buyerParty(buyer: Buyer, at: string): Node {
  return block('BuyerPartyDetails', [
    text('BuyerPartyIdentifier', buyer.businessId), // a consumer has none
    requiredText('BuyerOrganisationName', buyer.name, `${at}: the name of customer ${buyer.customerNumber}`),
    text('BuyerOrganisationTaxCode', buyer.vatNumber),
    postalAddress('Buyer', buyer.address),
  ]);
}

/** Street, town and post code are each required (2–35) inside the optional address block: all three, or no block. */
function postalAddress(party: 'Seller' | 'Buyer', address: Seller['address']): Node {
  const street = text(`${party}StreetName`, address.street);
  const town = text(`${party}TownName`, address.city);
  const postCode = text(`${party}PostCodeIdentifier`, address.postalCode);
  if (!street || !town || !postCode) return undefined;
  const country = address.countryCode.trim().toUpperCase();
  return block(`${party}PostalAddressDetails`, [
    street, town, postCode,
    /^[A-Z]{2}$/.test(country) ? leaf('CountryCode', country) : undefined,
    text('CountryName', address.countryName),
  ]);
}

function languageCode(language: string | undefined): Node {
  const code = (language ?? '').trim().toLowerCase().slice(0, 2);
  return /^[a-z]{2}$/.test(code) ? leaf('InvoiceRecipientLanguageCode', code) : undefined;
}

function accounts(seller: Seller, at: string): { iban: string; bic: string } {
  const iban = seller.iban.replace(/\s+/g, '').toUpperCase();
  const bic = seller.bic.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) throw new FinvoiceError(`${at}: the seller's IBAN "${seller.iban}" is not an IBAN; correct the seller's bank account in the settings`);
  if (!/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(bic)) throw new FinvoiceError(`${at}: the seller's BIC "${seller.bic}" is not a BIC (8 or 11 letters and digits); correct it in the settings`);
  return { iban, bic };
}

function originalInvoiceNumber(invoice: SalesInvoice, at: string): string {
  const original = invoice.creditedInvoiceNumber ?? '';
  if (original.trim() === '') throw new FinvoiceError(`${at} is a credit note without the number of the invoice it credits`);
  if ([...original].length > 20) throw new FinvoiceError(`${at}: credited invoice number ${original} is longer than the 20 characters of Finvoice OriginalInvoiceNumber`);
  return requiredText('OriginalInvoiceNumber', original, `${at}: the credited invoice number`);
}

function invoiceRow(row: SalesInvoiceRow, position: number, currency: string, at: string): Node {
  const money = { AmountCurrencyIdentifier: currency };
  const unit = line(row.unit, 14); // QuantityUnitCode: genericTokenType0_14
  const quantityAttrs = { QuantityUnitCode: unit || undefined, QuantityUnitCodeUN: quantityUnitUN(row.unit) };
  const quantity = decimal(row.quantity, 4);
  if (quantity.length > 14) throw new FinvoiceError(`${at}: quantity ${row.quantity} is longer than the 14 characters Finvoice allows`);
  const description = line(row.description, Number.MAX_SAFE_INTEGER);
  const articleName = line(description, 100);
  return block('InvoiceRow', [
    text('ArticleIdentifier', row.productCode),
    text('ArticleName', articleName),
    leaf('DeliveredQuantity', quantity, quantityAttrs),
    leaf('InvoicedQuantity', quantity, quantityAttrs),
    leaf('UnitPriceAmount', decimal(row.unitPrice, 5, 2), money),
    leaf('RowPositionIdentifier', String(position)),
    row.salesAccount === undefined ? undefined : salesAccount(row.salesAccount, at),
    // The whole description when ArticleName had to cut it.
    ...(description.length > articleName.length ? texts('RowFreeText', description, MAX_ROW_FREE_TEXTS) : []),
    leaf('RowVatRatePercent', percent(row.vatPercent)),
    leaf('RowVatCode', vatCode(row.vatPercent)),
    leaf('RowVatAmount', amount(row.vat), money),
    leaf('RowVatExcludedAmount', amount(row.net), money),
    leaf('RowAmount', amount(row.net + row.vat), money),
  ]);
}

/**
 * The row's sales account, in the element Finvoice has for the seller's proposed booking account (the
 * Finnish 4-digit chart of accounts: genericNMtokenType0_4). Talenom books the row on it.
 */
function salesAccount(account: string, at: string): string {
  const value = account.trim();
  if (!/^[0-9A-Za-z]{1,4}$/.test(value)) throw new FinvoiceError(`${at}: sales account "${account}" does not fit Finvoice RowNormalProposedAccountIdentifier (1–4 letters or digits); map the row to a 4-digit sales account`);
  return leaf('RowNormalProposedAccountIdentifier', value);
}

/** UNTDID 5305: S standard rate; Z zero rated (the guidelines' code for a 0 % row without another reason). */
function vatCode(rate: number): string {
  return rate > 0 ? 'S' : 'Z';
}

export interface VatLine { rate: number; base: number; vat: number }

/** One line per VAT rate, highest rate first, with the rows' bases and VAT summed. */
export function vatSpecification(rows: readonly SalesInvoiceRow[]): VatLine[] {
  const byRate = new Map<number, VatLine>();
  for (const row of rows) {
    const line = byRate.get(row.vatPercent) ?? { rate: row.vatPercent, base: 0, vat: 0 };
    line.base += row.net;
    line.vat += row.vat;
    byRate.set(row.vatPercent, line);
  }
  return [...byRate.values()].sort((a, b) => b.rate - a.rate);
}

function checkTotals(invoice: SalesInvoice): void {
  const net = sumMinor(invoice.rows.map((r) => r.net));
  const vat = sumMinor(invoice.rows.map((r) => r.vat));
  const { totals } = invoice;
  if (totals.net !== net || totals.vat !== vat || totals.gross !== net + vat) {
    throw new FinvoiceError(`invoice ${invoice.number}: totals (net ${amount(totals.net)}, VAT ${amount(totals.vat)}, gross ${amount(totals.gross)}) ` +
      `are not the sums of the rows (net ${amount(net)}, VAT ${amount(vat)}, gross ${amount(net + vat)}); the invoice must be corrected at the source`);
  }
}
