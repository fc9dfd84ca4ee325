/**
 * Match records to CostTracker: every decision whose record CostTracker does not hold yet, in the cascade's order, in pages. CostTracker
 * recomputes each touched PO from its records, so a page sent again changes nothing. A refused record (PO unknown,
 * closed, beyond its amount) is kept on its result as a warning, with a line in the export log saying what to do;
 * the next run decides an automatic one again against fresh POs.
 */
import { heartbeat } from '@temporalio/activity';
import type { MatchRecord } from '../../connectors/costtracker/model';
import { createExportLogRepo, createMatchingResultRepo, type RecordToPush } from '../../db/repos';
import { BULK_CHUNK } from '../../db/repos/bulk';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { openMatchingSystems, type MatchingRef } from './context';

export async function pushMatches(deps: ActivityDeps, input: MatchingRef & { only?: string }): Promise<{ pushed: number; refused: number }> {
  return withFailures(async () => {
    const { ct } = await openMatchingSystems(deps, input.tenant);
    const results = createMatchingResultRepo(deps.db);
    const log = createExportLogRepo(deps.db);
    let pushed = 0;
    let refusedCount = 0;
    const all = await results.toPush(input.tenant, input.only);
    for (let start = 0; start < all.length; start += BULK_CHUNK) {
      // A group of pages, then its marks: a retry after a lost answer sends at most this group again, which CostTracker takes as unchanged.
      const group = all.slice(start, start + BULK_CHUNK);
      const refused = await ct.putMatches(group.map(recordOf));
      const reasons = new Map(refused.map((r) => [r.transaction, r.reason]));
      const taken = group.filter((r) => !reasons.has(r.transaction));
      await results.markPushed(input.tenant, taken.map((r) => ({ transaction: r.transaction, hash: r.recordHash, po: kindOf(r) === 'unmatched' ? null : r.po })));
      if (refused.length > 0) {
        await results.markRefused(input.tenant, refused);
        await log.recordAll(group.filter((r) => reasons.has(r.transaction)).map((r) => ({
          tenant: input.tenant, flow: 'matching', entityType: 'match', sourceId: r.transaction, targetId: r.po, outcome: 'warning' as const, workflowId: input.workflowId,
          message: `CostTracker refused the match of transaction ${r.transaction} to PO ${r.po}: ${reasons.get(r.transaction)}. ` +
            (r.source === 'manual'
              ? `Match it to another PO: ledgerbridge matching match ${input.tenant} ${r.transaction} <po>, or unmatch it: ledgerbridge matching unmatch ${input.tenant} ${r.transaction}`
              : `The next run decides it again against CostTracker's POs (ledgerbridge matching refresh ${input.tenant}); or match it by hand: ledgerbridge matching match ${input.tenant} ${r.transaction} <po>`),
        })));
      }
      pushed += taken.length;
      refusedCount += refused.length;
      heartbeat({ pushed, refused: refusedCount });
    }
    return { pushed, refused: refusedCount };
  });
}

function kindOf(r: RecordToPush): MatchRecord['kind'] {
  if (r.source === 'manual') return r.po ? 'manual' : 'unmatched';
  return r.outcome === 'auto-matched' ? 'auto' : 'unmatched';
}

function recordOf(r: RecordToPush): MatchRecord {
  const kind = kindOf(r);
  return {
    transaction: r.transaction, kind, at: r.at.toISOString(),
    ...(kind !== 'unmatched' && r.po && { po: r.po }),
    ...(kind === 'auto' && r.rule && { rule: r.rule }),
    ...(r.source === 'manual' && r.by && { by: r.by }),
  };
}
