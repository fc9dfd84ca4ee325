/**
 * Exactly once at an external edge (design principle 3): the one protocol every write to another system goes
 * through, whether one call carries one document (a Talenom invoice) or many (a SaveBundleList of vouchers).
 *
 *   1. Each document's key is its business identity (`telaris/document/INV-1042`), never its position in a
 *      chunk, and the hash of its request is stored before anything goes out (db/repos/idempotency.ts).
 *   2. A key confirmed with the same hash is done: it is not sent again. Confirmed with another hash is an
 *      error, never a skip: the document changed after it went out, or the key is reused for another one.
 *   3. A key "sent" by an earlier attempt (its answer was lost) is looked up in the target first: there as sent
 *      → confirmed; absent → sent again; there but different → an error. Where the target cannot be read (the
 *      24SevenOffice journal) the outcome stays unknown until a person says what they see, unless the caller
 *      knows that the target refuses a repeated identity (`takenMeansOurs`).
 *   4. A refusal is recorded as refused only when nothing of ours can be in the target: a refused retry of a
 *      request whose first answer was lost stays "sent". A refused key never reads as ours later.
 *   5. "Already taken" (DuplicateData) is ours only when the look-up proves it; otherwise another writer holds
 *      the identity and the documents are refused, so the caller can renumber them.
 *
 * The caller's own record of what reached the target (its states, the export log) is written in the same
 * transaction as the confirmation, so a crash cannot leave one without the other. Confirmed documents are counted
 * (platform/metrics.ts) once that transaction has committed.
 */
import { createHash } from 'node:crypto';
import type { SystemName } from '../connectors/types';
import type { Db } from '../db';
import { createIdempotencyRepo } from '../db/repos/idempotency';
import type { ByFlow, Counter } from '../platform/metrics';

export interface EdgeDocument {
  /** Business identity within the tenant and target system. */
  key: string;
  /** What goes to the target for this document; its hash is the request hash. */
  request: unknown;
}

/** What a look-up found for one document. 'unknown': the target cannot tell (e.g. an unposted journal). */
export type Found = 'there' | 'absent' | 'different' | 'unknown';

/** The target's answer to one call. */
export type Answer =
  | { kind: 'applied'; externalIds?: ReadonlyMap<string, string> }
  /** Certainly nothing of the call was applied (a rule, a closed period, a missing reference). */
  | { kind: 'refused'; reason: string }
  /** The target already holds something under these documents' identity (DuplicateData, a used number). */
  | { kind: 'taken'; reason: string };

/** What an operator saw in the target for documents whose outcome could not be looked up. */
export type Resolution = 'in-target' | 'resend';

export type ConfirmedHow = 'sent' | 'found' | 'taken-by-us' | 'operator';

export interface Confirmed<D> {
  document: D;
  how: ConfirmedHow;
  externalId: string;
}

export interface EdgeWrite<D extends EdgeDocument> {
  tenant: string;
  system: SystemName;
  documents: D[];
  /** Asked only after an uncertain outcome: is each document in the target exactly as its request says? */
  lookUp(documents: D[]): Promise<Map<string, Found>>;
  send(documents: D[]): Promise<Answer>;
  /** The target id of a confirmed document the target's answer did not name (default: the key). */
  externalId?(document: D): string;
  /** The target is known to refuse a repeated identity: "taken" after our own unanswered send of the same request is ours. */
  takenMeansOurs?: boolean;
  resolution?: Resolution;
  /** Runs in the transaction that confirms them: the caller's own record of the documents now in the target. */
  onConfirmed(tx: Db, confirmed: Confirmed<D>[]): Promise<void>;
  /** Runs in the transaction that refuses them. */
  onRefused?(tx: Db, refused: D[], reason: string): Promise<void>;
  /** Counts the documents once confirmed, by the export log's flow: a key is confirmed once, so a retry never counts it again. */
  counted?: Counted;
}

export interface Counted {
  counter: Counter<ByFlow>;
  flow: string;
}

export interface EdgeOutcome<D> {
  sent: D[];
  alreadyThere: D[];
}

/**
 * Why documents did not reach the target, for the caller to put in words a person can act on:
 * 'conflict'  the target (or our record) holds other content under their identity;
 * 'refused'   the target refused the call;
 * 'unknown'   an earlier answer was lost and the target cannot be read: a person must look.
 */
export class EdgeRefusal<D extends EdgeDocument = EdgeDocument> extends Error {
  constructor(readonly kind: 'conflict' | 'refused' | 'unknown', readonly documents: D[], readonly reason: string) {
    super(reason);
    this.name = 'EdgeRefusal';
  }
}

export function isEdgeRefusal(err: unknown): err is EdgeRefusal {
  return err instanceof EdgeRefusal;
}

export async function exactlyOnce<D extends EdgeDocument>(db: Db, w: EdgeWrite<D>): Promise<EdgeOutcome<D>> {
  const idem = createIdempotencyRepo(db);
  const hash = new Map(w.documents.map((d) => [d.key, requestHash(d.request)]));
  const reservations = await idem.reserveAll(w.tenant, w.system, w.documents.map((d) => ({ key: d.key, requestHash: hash.get(d.key)! })));

  const alreadyThere: D[] = [];
  const toSend: D[] = [];
  const uncertain: D[] = [];
  const conflicts: D[] = [];
  for (const d of w.documents) {
    const { acquired, record } = reservations.get(d.key)!;
    const same = record.requestHash === hash.get(d.key);
    if (acquired || record.state === 'reserved' || record.state === 'refused') toSend.push(d);
    else if (record.state === 'confirmed') (same ? alreadyThere : conflicts).push(d);
    else (same ? uncertain : conflicts).push(d);
  }
  if (conflicts.length > 0) {
    throw new EdgeRefusal('conflict', conflicts, `${conflicts.length} document(s) went out before with other content (e.g. ${conflicts[0]!.key}); what the target holds is not what would be sent now`);
  }

  const confirm = async (items: D[], how: ConfirmedHow, answer?: Answer) => {
    if (items.length === 0) return;
    const named = answer?.kind === 'applied' ? answer.externalIds : undefined;
    const confirmed = items.map((document) => ({ document, how, externalId: named?.get(document.key) ?? w.externalId?.(document) ?? document.key }));
    await db.transaction(async (tx) => {
      await createIdempotencyRepo(tx).confirm(w.tenant, w.system, confirmed.map((c) => ({ key: c.document.key, externalId: c.externalId })), DETAIL[how]);
      await w.onConfirmed(tx, confirmed);
    });
    w.counted?.counter.add(items.length, { tenant: w.tenant, flow: w.counted.flow });
  };
  const refuse = async (items: D[], reason: string) => {
    if (items.length === 0) return;
    await db.transaction(async (tx) => {
      await createIdempotencyRepo(tx).refuse(w.tenant, w.system, items.map((d) => d.key), reason);
      await w.onRefused?.(tx, items, reason);
    });
  };

  // Documents whose earlier answer was lost: a refusal or "taken" now does not prove that one was not applied.
  const resent = new Set<string>();
  if (uncertain.length > 0) {
    const found = await w.lookUp(uncertain);
    const there: D[] = [];
    const seenByOperator: D[] = [];
    const unresolved: D[] = [];
    for (const d of uncertain) {
      const f = found.get(d.key) ?? 'unknown';
      if (f === 'there') there.push(d);
      else if (f === 'different') conflicts.push(d);
      else if (f === 'absent') toSend.push(d);
      else if (w.resolution === 'in-target') seenByOperator.push(d);
      else if (w.resolution === 'resend' || w.takenMeansOurs) { toSend.push(d); resent.add(d.key); }
      else unresolved.push(d);
    }
    await confirm(there, 'found');
    await confirm(seenByOperator, 'operator');
    alreadyThere.push(...there, ...seenByOperator);
    if (conflicts.length > 0) {
      throw new EdgeRefusal('conflict', conflicts, `the target holds other content under ${conflicts.length} document(s) whose earlier answer was lost (e.g. ${conflicts[0]!.key})`);
    }
    if (unresolved.length > 0) {
      throw new EdgeRefusal('unknown', unresolved, `the answer to an earlier send of ${unresolved.length} document(s) was lost and the target cannot be asked whether it has them`);
    }
  }
  if (toSend.length === 0) return { sent: [], alreadyThere };

  await idem.markSent(w.tenant, w.system, toSend.map((d) => ({ key: d.key, requestHash: hash.get(d.key)! })));
  const answer = await w.send(toSend); // a throw leaves them "sent": the next attempt looks them up
  switch (answer.kind) {
    case 'applied':
      await confirm(toSend, 'sent', answer);
      return { sent: toSend, alreadyThere };
    case 'refused':
      await refuse(toSend.filter((d) => !resent.has(d.key)), answer.reason);
      throw new EdgeRefusal('refused', toSend, answer.reason);
    case 'taken': {
      const found = await w.lookUp(toSend);
      const there = toSend.filter((d) => found.get(d.key) === 'there');
      const takenByUs = toSend.filter((d) => !there.includes(d) && resent.has(d.key) && w.takenMeansOurs && found.get(d.key) !== 'different');
      await confirm(there, 'found');
      await confirm(takenByUs, 'taken-by-us');
      const ours = [...there, ...takenByUs];
      // Never sent before this call, or there with other content: another writer holds their identity.
      const others = toSend.filter((d) => !ours.includes(d) && (!resent.has(d.key) || found.get(d.key) === 'different'));
      await refuse(others, `${TAKEN_BY_ANOTHER}: ${answer.reason}`);
      const stillUnknown = toSend.filter((d) => !ours.includes(d) && !others.includes(d));
      if (others.length > 0) throw new EdgeRefusal('conflict', others, answer.reason);
      if (stillUnknown.length > 0) throw new EdgeRefusal('unknown', stillUnknown, answer.reason);
      return { sent: [], alreadyThere: [...alreadyThere, ...ours] };
    }
  }
}

/** How a refusal because another writer holds the documents' identity begins: renumbering looks for it. */
export const TAKEN_BY_ANOTHER = 'taken in the target by another writer';

const DETAIL: Record<ConfirmedHow, string> = {
  sent: 'sent and confirmed by the target',
  found: 'found in the target after an uncertain outcome; not sent again',
  'taken-by-us': 'the target refused a repeat of our own earlier request: ours',
  operator: 'an operator saw it in the target after an uncertain outcome',
};

/** A stable hash of a request: object keys sorted, so the same content always hashes alike. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('base64url').slice(0, 32);
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
