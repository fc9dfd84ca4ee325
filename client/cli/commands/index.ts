import type { Command } from '../command';
import { start, worker, sandboxStart } from './stack';
import { health } from './health';
import { tenantsAdd, tenantsList, tenantsShow } from './tenants';
import { connectionsAdd, connectionsList, connectionsTest } from './connections';

/** In the order `ledgerbridge --help` lists them. */
export const commands: Command[] = [
  start,
  worker,
  health,
  tenantsList,
  tenantsAdd,
  tenantsShow,
  connectionsAdd,
  connectionsList,
  connectionsTest,
  sandboxStart,
];
