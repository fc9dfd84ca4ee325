/**
 * "The accountant presses Post" (accounting-primer.md): a journal bundle saved with SaveOption=1 becomes
 * ledger transactions, registered now. Only the admin API does this; the SOAP API has no such operation.
 */
import { toLedger } from './bundles';
import type { Books, JournalBundle } from './state';

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

export function postJournalBundle(books: Books, bundleId: number, now: Date): JournalBundle {
  const bundle = books.journal.find((b) => b.id === bundleId);
  if (!bundle) throw new JournalError(`journal bundle ${bundleId} does not exist for client ${books.clientId}`);
  if (bundle.posted) throw new JournalError(`journal bundle ${bundleId} is already posted`);
  const closed = bundle.vouchers.flatMap((v) => v.lines).find((l) => books.lockedPeriods.has(l.date.slice(0, 7)) || books.fiscalYears.find((y) => y.year === bundle.yearId)?.locked);
  if (closed) throw new JournalError(`journal bundle ${bundleId} has an entry in the closed period ${closed.date.slice(0, 7)}`);
  for (const voucher of bundle.vouchers) books.ledger.push(...toLedger(voucher, now, bundle.id));
  bundle.posted = true;
  bundle.postedAt = now.toISOString();
  return bundle;
}
