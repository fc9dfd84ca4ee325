/**
 * How a purchase-order number is recognised in a transaction's PO field and description: the one place that
 * defines the accepted forms (the README and the tests read them from here).
 *
 * A PO number is compared as a key: upper case, without the organisation's prefix. In a description it must be a
 * whole token: a run of letters, digits, `-`, `_` and `/`, so whatever else people put around it — `PO `, `PO:`,
 * `PO#`, `bestnr:`, `Bestillingsnr `, `best.nr. `, `order `, brackets, a full stop — is a separator, and a number
 * glued to more digits or letters (`12026-00421`, `2026-0042-1`, `INV2026-0042`) is another token, not the PO.
 */

/** Characters a PO number (and so a token) is made of; everything else separates tokens. */
export const PO_TOKEN = /[\p{L}\p{N}_/-]+/gu;

/** Forms the po-description criterion finds `2026-0042` in (any case; with prefix `PO-` also `PO-2026-0042`). */
export const PO_DESCRIPTION_ACCEPTED = [
  'PO 2026-0042', 'PO: 2026-0042', 'PO#2026-0042', 'po 2026-0042', 'bestnr: 2026-0042', 'Bestillingsnr 2026-0042',
  'best.nr. 2026-0042', 'order 2026-0042', 'Varer iht. 2026-0042.', '(2026-0042)', '2026-0042',
] as const;

/** Forms it does not: the number inside a longer token. */
export const PO_DESCRIPTION_REJECTED = ['12026-00421', '2026-00421', '2026-0042-1', 'INV2026-0042', 'PO2026-0042', '2026-0042/1'] as const;

/** The comparable key of a PO number as written: trimmed, upper case, the organisation's prefix (if any) removed. */
export function poKey(written: string, prefix = ''): string {
  const upper = written.trim().toUpperCase();
  const p = prefix.toUpperCase();
  return p !== '' && upper.length > p.length && upper.startsWith(p) ? upper.slice(p.length) : upper;
}

/** The keys of every whole token of a description, repeats included; PO numbers are the ones the PO set holds. */
export function descriptionKeys(description: string, prefix = ''): string[] {
  return (description.match(PO_TOKEN) ?? []).map((token) => poKey(token, prefix));
}
