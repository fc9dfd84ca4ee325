/**
 * The words a Finvoice carries for people (the invoice type, payment terms), in the buyer's language: Finnish by
 * default, Swedish and English for the others. And the UN/ECE Rec. 20 codes of the units Severa rows use.
 */
export interface InvoiceWords {
  invoice: string;
  creditNote: string;
  paymentTerms(days: number): string;
  overdueInterest: string;
}

const WORDS: Record<'fi' | 'sv' | 'en', InvoiceWords> = {
  fi: { invoice: 'LASKU', creditNote: 'HYVITYSLASKU', paymentTerms: (d) => (d === 0 ? 'Heti' : `${d} päivää netto`), overdueInterest: 'Viivästyskorko' },
  sv: { invoice: 'FAKTURA', creditNote: 'KREDITNOTA', paymentTerms: (d) => (d === 0 ? 'Omedelbart' : `${d} dagar netto`), overdueInterest: 'Dröjsmålsränta' },
  en: { invoice: 'INVOICE', creditNote: 'CREDIT NOTE', paymentTerms: (d) => (d === 0 ? 'Immediately' : `${d} days net`), overdueInterest: 'Interest on overdue payments' },
};

export function invoiceWords(language: string | undefined): InvoiceWords {
  const code = (language ?? 'fi').trim().toLowerCase().slice(0, 2);
  return code === 'sv' || code === 'en' ? WORDS[code] : WORDS.fi;
}

const UNITS_UN: Record<string, string> = {
  h: 'HUR', t: 'HUR', tunti: 'HUR', kpl: 'C62', pcs: 'C62', st: 'C62', km: 'KMT', pv: 'DAY', d: 'DAY', kk: 'MON',
  m: 'MTR', kg: 'KGM', l: 'LTR', m2: 'MTK', m3: 'MTQ',
};

/** The UN unit code of a unit we know; undefined for the others (QuantityUnitCodeUN is optional). */
export function quantityUnitUN(unit: string): string | undefined {
  return UNITS_UN[unit.trim().toLowerCase()];
}
