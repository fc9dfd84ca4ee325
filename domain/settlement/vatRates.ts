/** Output VAT rates by SAF-T standard code (../shared/reference/saf-t/Standard_Tax_Codes.csv), the codes DUELL gives. */
export const OUTPUT_VAT_RATES: Readonly<Record<string, number>> = { '3': 25, '31': 15, '32': 11.11, '33': 12, '5': 0, '51': 0, '52': 0, '6': 0 };

/** The code of a rate, for a product 24SevenOffice knows only by its rate: the first standard code with it (0 % → "5", exempt). */
export function outputVatCode(rate: number): string | undefined {
  return Object.entries(OUTPUT_VAT_RATES).find(([, r]) => r === rate)?.[0];
}
