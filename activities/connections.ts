/** Activities about connections: the "test integration" check, run where credentials may be decrypted. */
import type { CheckReport } from '../connectors/types';
import { createConnectionRepo } from '../db/repos';
import type { ActivityDeps } from './deps';
import { withFailures } from './failures';
import { openConnector } from './openConnector';

export function createConnectionActivities(deps: ActivityDeps) {
  return {
    async checkConnection(input: { tenant: string; connectionId: string }): Promise<CheckReport> {
      return withFailures(async () => {
        const { connector } = await openConnector(deps, input.tenant, input.connectionId);
        const report = await connector.check();
        await createConnectionRepo(deps.db, deps.secrets).recordCheck(input.connectionId, report);
        deps.log.info('connection checked', { tenant: input.tenant, connection: input.connectionId, ok: report.ok });
        return report;
      });
    },
  };
}

export type ConnectionActivities = ReturnType<typeof createConnectionActivities>;
