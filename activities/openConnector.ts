/**
 * Builds a connector from a stored connection inside an activity: credentials are decrypted here and go no
 * further than the connector. The context gives it the tenant's shared request budget and session cache.
 */
import { connectorDefinition } from '../connectors/registry';
import type { Connector, ConnectorContext } from '../connectors/types';
import { ConnectorError } from '../connectors/errors';
import { createConnectionRepo, createRequestBudget, createSessionStore, type Connection } from '../db/repos';
import type { ActivityDeps } from './deps';

export async function openConnector<C extends Connector = Connector>(
  deps: ActivityDeps,
  tenant: string,
  connectionId: string,
): Promise<{ connector: C; connection: Connection }> {
  const stored = await createConnectionRepo(deps.db, deps.secrets).loadWithCredentials(connectionId);
  if (stored.tenantId !== tenant) {
    throw new ConnectorError('ValidationFailed', `connection ${connectionId} belongs to tenant ${stored.tenantId}, not ${tenant}`);
  }
  const definition = connectorDefinition(stored.system);
  const settings = definition.settingsSchema.safeParse(stored.settings);
  const credentials = definition.credentialsSchema.safeParse(stored.credentials);
  const problems = [
    ...(settings.error?.issues.map((i) => `setting ${i.path.join('.')}: ${i.message}`) ?? []),
    // Credential values are never echoed, only which field is wrong.
    ...(credentials.error?.issues.map((i) => `credential ${i.path.join('.')}: ${i.message}`) ?? []),
  ];
  if (problems.length > 0) {
    throw new ConnectorError(
      'ValidationFailed',
      `tenant ${tenant}, connection ${connectionId}: ${problems.join('; ')}. ` +
        `Fix it with: ledgerbridge connections update ${tenant} ${stored.name} --setting <field>=<value> (or --credentials-stdin)`,
    );
  }
  const { credentials: _secret, ...connection } = stored;
  const ctx: ConnectorContext = {
    tenant,
    sessions: createSessionStore(deps.db, deps.secrets, tenant),
    // Every connector's settings may carry `budget` (connectors/shared/requestLimits.ts), validated above.
    budget: createRequestBudget(deps.db, tenant, { limits: { [stored.system]: settings.data.budget } }),
    log: deps.log.child({ tenant, connection: connectionId, system: stored.system }),
  };
  const connector = definition.create({ settings: settings.data, credentials: credentials.data }, ctx) as C;
  return { connector, connection };
}
