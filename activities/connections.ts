/** Activities about connections: the "test integration" check, run where credentials may be decrypted. */
import type { CheckReport } from '../connectors/types';
import type { Duell } from '../connectors/duell';
import type { Severa } from '../connectors/severa';
import { createConnectionRepo, createTenantRepo } from '../db/repos';
import { invoiceSettings } from '../domain/invoice/settings';
import type { ActivityDeps } from './deps';
import { withFailures } from './failures';
import { openConnector } from './openConnector';
import { checkSettlementIntegration } from './settlement/check';

export function createConnectionActivities(deps: ActivityDeps) {
  return {
    async checkConnection(input: { tenant: string; connectionId: string }): Promise<CheckReport> {
      return withFailures(async () => {
        const { connector, connection } = await openConnector(deps, input.tenant, input.connectionId);
        const report = connection.system === 'severa'
          ? await (connector as Severa).check({ statusNames: await transferStatusNames(deps, input.tenant) })
          : connection.system === 'duell'
            ? await checkSettlementIntegration(deps, input.tenant, connector as Duell)
            : await connector.check();
        await createConnectionRepo(deps.db, deps.secrets).recordCheck(input.connectionId, report);
        deps.log.info('connection checked', { tenant: input.tenant, connection: input.connectionId, ok: report.ok });
        return report;
      });
    },
  };
}

/**
 * A Severa connection is only usable by the invoice transfer when the statuses the tenant's `severa` settings name
 * exist (the defaults when the tenant has no such key), so its check looks for them by name.
 */
async function transferStatusNames(deps: ActivityDeps, tenant: string): Promise<string[]> {
  const settings = invoiceSettings((await createTenantRepo(deps.db).get(tenant)).settings, tenant);
  return [settings.waitingStatus, settings.transferredStatus];
}

export type ConnectionActivities = ReturnType<typeof createConnectionActivities>;
