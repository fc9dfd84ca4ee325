/**
 * One entity (customers or products) kept alike in DUELL and 24SevenOffice, the master's way: what changed at the
 * master since its cursor is written on the other side, and what changed on the other side since its cursor and
 * differs from the master's record (an edit where it is not master) is overwritten with the master's and logged.
 * Records are linked by the cross-reference duell → 24sevenoffice (DUELL's number ↔ 24SevenOffice's id). The
 * cursors are returned, not stored: the caller stores them once everything of the call is written. A record that
 * failed holds its side's cursor, so the next call takes it again (and rewrites those after it, which is harmless).
 */
import { createCrossReferenceRepo, createExportLogRepo, type ExportLogEntry } from '../../db/repos';
import { metrics } from '../../platform/metrics';
import type { ActivityDeps } from '../deps';
import { differs } from './records';
import { FLOW, linkedEntity, ROUTE, type DepartmentRef } from './syncSystems';

export type SystemSide = 'duell' | '24sevenoffice';

export interface Side<R> {
  system: SystemSide;
  /** Records changed since the cursor (all when there is none), oldest first. */
  changed(since: string | undefined): Promise<R[]>;
  changedAt(r: R): string;
  /** DUELL's number, or 24SevenOffice's id as text: the cross-reference's source or target id. */
  key(r: R): string;
  label(r: R): string;
  /** Records that must not be written nor overwritten, with why (a number used twice). */
  refused?(records: R[]): Map<R, string>;
}

export interface MasterSync<M, O, W> {
  entity: 'customer' | 'product';
  master: Side<M>;
  other: Side<O>;
  /** The master's records by key, for those edited only on the other side. */
  masterByKeys(keys: string[]): Promise<Map<string, M>>;
  /** The other side's record for a master record (its key there if linked), or why there can be none. */
  toOther(m: M, otherKey: string | undefined): W | string;
  /** Writes one record on the other side: its key there, or the refusal. */
  write(w: W, m: M): Promise<{ ok: true; key: string; created: boolean } | { ok: false; error: string }>;
}

export interface SyncCursors {
  master?: string;
  other?: string;
}

export interface MasterSyncOutcome {
  read: number;
  written: number;
  /** Edits on the side that is not master, overwritten. */
  overwritten: number;
  failed: number;
  /** The first few failures, one sentence each. */
  problems: string[];
}

const SHOWN = 5;
/** A write refused because the linked record is gone (24SevenOffice: "Company with Id 7 does not exist"). */
const STALE = /does not exist/i;
const NAME: Record<SystemSide, string> = { duell: 'DUELL', '24sevenoffice': '24SevenOffice' };

export async function syncMaster<M, O, W>(deps: ActivityDeps, ref: DepartmentRef, company: string, sync: MasterSync<M, O, W>, since: SyncCursors):
  Promise<{ outcome: MasterSyncOutcome; cursors: SyncCursors; masterChanged: M[]; otherChanged: O[] }> {
  const { master, other, entity } = sync;
  const links = linkedEntity(entity, company);
  const xrefs = createCrossReferenceRepo(deps.db);
  const masterIsSource = master.system === 'duell';
  const linkedTo = async (side: 'master' | 'other', key: string) => ((side === 'master') === masterIsSource
    ? xrefs.targetOf(ref.tenant, ROUTE, links, key)
    : xrefs.sourceOf(ref.tenant, ROUTE, links, key));

  // A record changed at or before the cursor was handled by the call that set it: DUELL answers "at or after", and
  // 24SevenOffice compares whole seconds, so both may answer a little more than what changed since.
  const changedSince = async <R>(side: Side<R>, cursor: string | undefined) =>
    (await side.changed(cursor)).filter((r) => cursor === undefined || Date.parse(side.changedAt(r)) > Date.parse(cursor));
  const [masterChanged, otherChanged] = await Promise.all([changedSince(master, since.master), changedSince(other, since.other)]);
  const outcome: MasterSyncOutcome = { read: masterChanged.length + otherChanged.length, written: 0, overwritten: 0, failed: 0, problems: [] };
  const lines: ExportLogEntry[] = [];
  const line = (sourceId: string, result: ExportLogEntry['outcome'], message: string, targetId?: string) =>
    lines.push({ tenant: ref.tenant, flow: FLOW, entityType: entity, sourceId, targetId, outcome: result, workflowId: ref.workflowId,
      message: `tenant ${ref.tenant}, department ${ref.department}: ${message}` });
  const failedMaster: M[] = [];
  const failedOther: O[] = [];
  const fail = (why: string, sourceId: string) => {
    outcome.failed++;
    const message = `${why}; it is tried again on the next run once fixed`;
    if (outcome.problems.length < SHOWN) outcome.problems.push(`tenant ${ref.tenant}, department ${ref.department}: ${message}`);
    line(sourceId, 'failed', message);
  };
  const sourceIdOf = async (side: 'master' | 'other', key: string) => ((side === 'master') === masterIsSource ? key : (await linkedTo(side, key)) ?? key);

  // Refused records (a number used twice) are neither written nor overwritten.
  const refusedMaster = master.refused?.(masterChanged) ?? new Map<M, string>();
  const refusedOther = other.refused?.(otherChanged) ?? new Map<O, string>();
  for (const [m, why] of refusedMaster) { failedMaster.push(m); fail(`${entity} ${master.label(m)} is refused: ${why}`, master.key(m)); }
  for (const [o, why] of refusedOther) { failedOther.push(o); fail(`${entity} ${other.label(o)} is refused: ${why}`, await sourceIdOf('other', other.key(o))); }

  // Edits on the other side: each linked record compared with the master's, which wins.
  const toWrite = new Map<string, { m: M; overwrites?: O }>(masterChanged.filter((m) => !refusedMaster.has(m)).map((m) => [master.key(m), { m }]));
  const edited = new Map<string, O>();
  for (const o of otherChanged) {
    if (refusedOther.has(o)) continue;
    const masterKey = await linkedTo('other', other.key(o));
    if (masterKey !== undefined) edited.set(masterKey, o);
  }
  const missing = [...edited.keys()].filter((k) => !toWrite.has(k));
  const fetched = missing.length > 0 ? await sync.masterByKeys(missing) : new Map<string, M>();
  for (const [masterKey, o] of edited) {
    const m = toWrite.get(masterKey)?.m ?? fetched.get(masterKey);
    if (m === undefined) continue; // gone at the master: nothing to compare with
    const wanted = sync.toOther(m, other.key(o));
    if (typeof wanted !== 'string' && differs(wanted as object, o as object)) toWrite.set(masterKey, { m, overwrites: o });
  }

  for (const { m, overwrites } of toWrite.values()) {
    const masterKey = master.key(m);
    let otherKey = await linkedTo('master', masterKey);
    const sourceId = masterIsSource ? masterKey : otherKey ?? masterKey;
    const writeOf = (key: string | undefined) => {
      const wanted = sync.toOther(m, key);
      return typeof wanted === 'string' ? Promise.resolve({ ok: false as const, error: wanted }) : sync.write(wanted, m);
    };
    let result = await writeOf(otherKey);
    if (!result.ok && otherKey !== undefined && STALE.test(result.error)) {
      // Linked to a record the other side no longer has: the link is dropped, and the record matched or created again.
      await xrefs.unlink(ref.tenant, ROUTE, links, sourceId);
      line(sourceId, 'skipped', `stale cross-reference: ${entity} ${master.label(m)} was ${otherKey} in ${NAME[other.system]}, which no longer has it; matched or created again`, otherKey);
      otherKey = undefined;
      result = await writeOf(undefined);
    }
    if (!result.ok) {
      if (overwrites) failedOther.push(overwrites);
      else failedMaster.push(m);
      fail(`${entity} ${master.label(m)} could not be written in ${NAME[other.system]}: ${result.error}`, sourceId);
      continue;
    }
    const [duellKey, tsoKey] = masterIsSource ? [masterKey, result.key] : [result.key, masterKey];
    await xrefs.link(ref.tenant, ROUTE, links, duellKey, tsoKey, 'engine');
    if (overwrites) {
      outcome.overwritten++;
      line(duellKey, 'warning', `${entity} ${master.label(m)} was edited in ${NAME[other.system]}, where ${NAME[master.system]} is master: overwritten with ${NAME[master.system]}'s record`, tsoKey);
    } else {
      outcome.written++;
      line(duellKey, 'ok', `${entity} ${master.label(m)} ${result.created ? 'created' : 'updated'} in ${NAME[other.system]} (${NAME[master.system]} is master)`, tsoKey);
    }
  }
  await createExportLogRepo(deps.db).recordAll(lines);
  for (const { outcome: result } of lines) metrics.syncEvents.add(1, { tenant: ref.tenant, flow: FLOW, entity, outcome: result });
  return {
    outcome,
    cursors: { master: nextCursor(master, masterChanged, failedMaster, since.master), other: nextCursor(other, otherChanged, failedOther, since.other) },
    masterChanged,
    otherChanged,
  };
}

/** Past every record read, or a millisecond before the first that failed, so the next call reads it again. */
function nextCursor<R>(side: Side<R>, read: R[], failed: R[], since: string | undefined): string | undefined {
  const instants = (list: R[]) => list.map((r) => side.changedAt(r)).sort();
  const held = instants(failed)[0];
  if (held !== undefined) return new Date(Date.parse(held) - 1).toISOString();
  return instants(read).pop() ?? since;
}
