/**
 * The tenant's Telaris batches from outside a workflow: close the open batch, read the month's batches. The
 * connector is opened from the stored connection (credentials decrypted inside it, as in an activity), so the
 * caller holds the secret box; nothing here prints or returns a credential.
 */
import { openConnector } from '../activities/openConnector';
import { telarisBatchId, type Batch, type OpenBatch, type Telaris } from '../connectors/telaris';
import { connectionOf, createConnectionRepo, createTenantRepo } from '../db/repos';
import { batchSettings } from '../domain/batch/settings';
import type { Logger } from '../platform/log';
import { type Store } from './batches';

/** The store and a logger for the connector (its log never carries credentials). */
export interface TelarisAccess extends Store {
  log: Logger;
}

/** The tenant's Telaris connector: the connection its batch settings name (`source`), or its only one. */
export async function openTelaris(access: TelarisAccess, tenant: string): Promise<Telaris> {
  const settings = batchSettings((await createTenantRepo(access.db).get(tenant)).settings, tenant);
  const id = await connectionOf(createConnectionRepo(access.db, access.secrets), tenant, 'telaris', settings.source, 'batch');
  return (await openConnector<Telaris>(access, tenant, id)).connector;
}

export class NothingToClose extends Error {
  override readonly name = 'NothingToClose';
}

/**
 * Close batch: the open batch becomes the month's next number, e.g. 2026-11 #3. An open batch without documents
 * is refused unless `allowEmpty`: an empty numbered batch is almost always a mistake, and it cannot be undone.
 */
export async function closeTelarisBatch(access: TelarisAccess, tenant: string, options: { allowEmpty?: boolean } = {}): Promise<Batch> {
  const telaris = await openTelaris(access, tenant);
  if (!options.allowEmpty && (await telaris.openBatch()).documentCount === 0) {
    throw new NothingToClose(`tenant ${tenant}: the open Telaris batch has no documents, nothing to close; book documents in Telaris first, ` +
      `or close an empty batch on purpose: ledgerbridge batch close ${tenant} --allow-empty`);
  }
  return telaris.closeBatch();
}

/** The open batch and the closed/exported batches of a month (YYYY-MM; default Telaris' current month). */
export async function telarisBatches(access: TelarisAccess, tenant: string, period?: string): Promise<{ open: OpenBatch; closed: Batch[] }> {
  const telaris = await openTelaris(access, tenant);
  // One after the other: each call takes from the request budget in the database, and a CLI reaching PGlite
  // through `npm start`'s socket must not run two statements at once (the socket interleaves connections).
  const open = await telaris.openBatch();
  return { open, closed: await telaris.batches({ period }) };
}

/** One batch as Telaris has it, or undefined when Telaris does not know it. */
export async function telarisBatch(access: TelarisAccess, tenant: string, batchId: string): Promise<Batch | undefined> {
  return (await openTelaris(access, tenant)).batch(telarisBatchId(batchId));
}
