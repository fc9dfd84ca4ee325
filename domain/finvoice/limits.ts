/**
 * The length bounds (characters) of every text element the writer fills, as Finvoice3.0.xsd declares them
 * (the type in the comment; test/domain/finvoice.test.ts reads the XSD and checks this table against it). A text
 * over `max` is cut; a required text under `min` cannot be written (FinvoiceError); an optional one is left out.
 */
export interface Bound { min: number; max: number }

export const LIMITS = {
  MessageIdentifier: { min: 2, max: 48 }, // genericStringType2_48
  FromIdentifier: { min: 2, max: 35 }, // ElectronicAddrIdType: genericStringType2_35
  FromIntermediator: { min: 2, max: 35 }, // genericStringType2_35
  ToIdentifier: { min: 2, max: 35 },
  ToIntermediator: { min: 2, max: 35 },
  SellerPartyIdentifier: { min: 0, max: 35 }, // PartyLegalRegIdType: genericStringType0_35
  SellerOrganisationName: { min: 2, max: 70 }, // genericStringType2_70
  SellerOrganisationTaxCode: { min: 0, max: 35 }, // genericStringType0_35
  SellerStreetName: { min: 2, max: 35 }, // genericStringType2_35
  SellerTownName: { min: 2, max: 35 },
  SellerPostCodeIdentifier: { min: 2, max: 35 },
  CountryName: { min: 0, max: 35 }, // genericStringType0_35
  SellerOrganisationUnitNumber: { min: 0, max: 35 }, // genericStringType0_35
  SellerPhoneNumberIdentifier: { min: 0, max: 35 },
  SellerEmailaddressIdentifier: { min: 0, max: 70 }, // genericStringType0_70
  BuyerPartyIdentifier: { min: 0, max: 35 },
  BuyerOrganisationName: { min: 2, max: 70 },
  BuyerOrganisationTaxCode: { min: 0, max: 35 },
  BuyerStreetName: { min: 2, max: 35 },
  BuyerTownName: { min: 2, max: 35 },
  BuyerPostCodeIdentifier: { min: 2, max: 35 },
  BuyerOrganisationUnitNumber: { min: 0, max: 35 },
  BuyerEmailaddressIdentifier: { min: 0, max: 70 },
  InvoiceTypeText: { min: 1, max: 35 }, // genericStringType1_35
  InvoiceNumber: { min: 1, max: 20 }, // genericStringType1_20
  OriginalInvoiceNumber: { min: 1, max: 20 },
  SellerReferenceIdentifier: { min: 0, max: 70 }, // genericStringType0_70
  OrderIdentifier: { min: 0, max: 70 },
  BuyerReferenceIdentifier: { min: 0, max: 70 },
  InvoiceFreeText: { min: 0, max: 512 }, // genericStringType0_512, any number of them
  PaymentTermsFreeText: { min: 0, max: 70 }, // genericStringType0_70, at most 2
  PaymentOverDueFineFreeText: { min: 0, max: 70 }, // genericStringType0_70, at most 3
  ArticleIdentifier: { min: 0, max: 70 }, // genericStringType0_70
  ArticleName: { min: 0, max: 100 }, // genericStringType0_100
  RowFreeText: { min: 0, max: 512 }, // genericStringType0_512
  RowNormalProposedAccountIdentifier: { min: 0, max: 4 }, // genericNMtokenType0_4
  EpiNameAddressDetails: { min: 2, max: 35 }, // genericTokenType2_35
} as const satisfies Record<string, Bound>;

export type LimitedElement = keyof typeof LIMITS;

/**
 * How many InvoiceFreeText elements a long note becomes. The XSD allows any number; receivers show them one under
 * the other, and four full ones (2 048 characters) are more than any invoice note we have seen: the rest is cut.
 */
export const MAX_INVOICE_FREE_TEXTS = 4;
/** The same for a row description longer than ArticleName: its full text in RowFreeText elements. */
export const MAX_ROW_FREE_TEXTS = 2;
