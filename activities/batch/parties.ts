/**
 * Customers into 24SevenOffice before their vouchers: upserted (matched on ExternalId = the Telaris customer
 * number, then organisation number) in groups, and the company ids kept as cross-references for the entries.
 * A cross-reference to a company 24SevenOffice no longer has (deleted there, or a sandbox started afresh) is
 * stale: it is dropped and the customer matched or created again, and the export log says so.
 */
import { heartbeat } from '@temporalio/activity';
import type { BatchRef } from '../../domain/batch/flow';
import { batchLabel } from '../../domain/batch/flow';
import { normalizeOrgNumber } from '../../domain/orgNumber';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, loadMapping, openSource, openTarget, repos, ROUTE } from './context';
import { telarisBatchId } from '../../connectors/telaris';
import { createExportLogRepo } from '../../db/repos';
import { isConnectorError } from '../../connectors/errors';
import type { TwentyFourSevenOffice } from '../../connectors/24sevenoffice';

const GROUP = 100;
/** Above this many customers without a mapping, list all companies once instead of looking each up. */
const LIST_ALL_ABOVE = 20;

/** The companies in 24SevenOffice by external id and organisation number; undefined when the list is too large to fetch whole. */
async function companyIndex(target: TwentyFourSevenOffice) {
  try {
    const all = await target.companies({ changedAfter: new Date(0) });
    const byExternal = new Map(all.filter((c) => c.externalId && c.id).map((c) => [c.externalId!, c.id!]));
    const byOrg = new Map(all.filter((c) => c.organizationNumber && c.id).map((c) => [normalizeOrgNumber(c.organizationNumber!), c.id!]));
    return { get: (no: string, org: string | null) => byExternal.get(no) ?? (org ? byOrg.get(normalizeOrgNumber(org)) : undefined) };
  } catch (err) {
    if (isConnectorError(err, 'ResponseTooLarge')) return undefined; // many thousand companies: look each one up
    throw err;
  }
}

export async function syncParties(deps: ActivityDeps, ref: BatchRef): Promise<{ customers: number }> {
  return withFailures(async () => {
    const { batches, xrefs } = repos(deps);
    await assertNotExportedElsewhere(deps, ref);
    const customers = (await batches.parties(ref.tenant, ref.batchId)).filter((p) => p.role === 'customer');
    const target = await openTarget(deps, ref);
    // A customer synced by an earlier batch is updated by its id. For many new ones, one listing of the
    // companies in 24SevenOffice replaces two look-ups per customer (a sizeable share of 7 200 requests an hour).
    const known = await loadMapping(deps, ref.tenant);
    const unmapped = customers.filter((c) => known.companyId('customer', c.partyNo) === undefined).length;
    const existing = unmapped > LIST_ALL_ABOVE ? await companyIndex(target) : undefined;
    const log = createExportLogRepo(deps.db);
    const stale = new Set<string>();
    for (let i = 0; i < customers.length; i += GROUP) {
      const group = customers.slice(i, i + GROUP);
      const companiesOf = (list: typeof group) => list.map((c) => {
        const address = c.details.address as { street: string; postalCode: string; city: string; country: string } | undefined;
        return {
          id: (stale.has(c.partyNo) ? undefined : known.companyId('customer', c.partyNo)) ?? existing?.get(c.partyNo, c.organizationNumber),
          externalId: c.partyNo,
          name: c.name,
          organizationNumber: c.organizationNumber ? normalizeOrgNumber(c.organizationNumber) : undefined,
          type: 'Business' as const,
          email: c.details.email as string | undefined,
          postAddress: address,
        };
      });
      let results = await target.saveCompanies(companiesOf(group), { lookUp: existing === undefined });
      const staleNow = results.filter((r) => !r.ok && r.item.id !== undefined && known.companyId('customer', r.item.externalId ?? '') === r.item.id && /does not exist/i.test(r.error));
      if (staleNow.length > 0) {
        for (const r of staleNow) {
          stale.add(r.item.externalId!);
          await xrefs.unlink(ref.tenant, ROUTE, 'customer', r.item.externalId!);
        }
        await log.recordAll(staleNow.map((r) => ({
          tenant: ref.tenant, flow: 'batch', entityType: 'customer', sourceId: r.item.externalId!, targetId: String(r.item.id), outcome: 'skipped',
          message: `stale cross-reference: customer ${r.item.externalId} was company ${r.item.id} in 24SevenOffice, which no longer has it; matched or created again`, workflowId: ref.workflowId,
        })));
        const again = new Map((await target.saveCompanies(companiesOf(group.filter((c) => stale.has(c.partyNo))), { lookUp: true })).map((r) => [r.item.externalId, r]));
        results = results.map((r) => again.get(r.item.externalId) ?? r);
      }
      const failed = results.filter((r) => !r.ok);
      await log.recordAll(results.map((r) => ({
        tenant: ref.tenant, flow: 'batch', entityType: 'customer', sourceId: r.item.externalId ?? '', targetId: r.ok ? String(r.item.id) : null,
        outcome: r.ok ? 'ok' : 'failed', message: r.ok ? (r.created ? 'created in 24SevenOffice' : 'updated in 24SevenOffice') : r.error, workflowId: ref.workflowId,
      })));
      if (failed.length > 0) {
        const first = failed[0]!;
        throw attention('Rejected', `tenant ${ref.tenant}, batch ${batchLabel(ref.batchId)}: 24SevenOffice refused customer ${first.item.externalId} (${first.item.name}): ` +
          `${first.ok ? '' : first.error}; correct the customer in Telaris and retry (${failed.length} refused)`);
      }
      for (const r of results) if (r.ok && r.item.id !== undefined) await xrefs.link(ref.tenant, ROUTE, 'customer', r.item.externalId!, String(r.item.id));
      heartbeat({ done: i + group.length });
    }
    return { customers: customers.length };
  });
}

/**
 * The last look before anything is written to 24SevenOffice (an approval may come days after staging): a batch
 * someone exported in the meantime, by hand or with another tool, is not posted a second time.
 */
async function assertNotExportedElsewhere(deps: ActivityDeps, ref: BatchRef): Promise<void> {
  const batch = await (await openSource(deps, ref)).batch(telarisBatchId(ref.batchId));
  if (batch?.status !== 'exported' || batch.exportReference === ref.workflowId) return;
  throw attention('AlreadyExported', `tenant ${ref.tenant}, batch ${batchLabel(ref.batchId)}: Telaris says it was exported at ${batch.exportedAt} ` +
    `outside ledgerbridge (${batch.exportReference ?? 'no reference'}) while this export waited; nothing has been sent. ` +
    `Check 24SevenOffice for those vouchers, then: ledgerbridge batch cancel ${ref.tenant} ${ref.batchId}`);
}
