import type { Command } from '../command';
import { start, worker, sandboxStart } from './stack';
import { codecServer } from './codecServer';
import { health } from './health';
import { tenantsAdd, tenantsList, tenantsSettings, tenantsShow } from './tenants';
import { connectionsAdd, connectionsList, connectionsRemove, connectionsTest, connectionsUpdate } from './connections';
import { mappingsList, mappingsRemove, mappingsSet } from './mappings';
import { batchClose, batchList, batchShow } from './batch';
import { batchExport } from './batchExport';
import { batchApprove, batchCancel, batchCheck, batchReject, batchRenumber, batchRetry } from './batchDecisions';
import { invoicesList, invoicesRun, invoicesShow } from './invoices';
import { invoicesCancel, invoicesRetry } from './invoiceDecisions';
import { matchingCancel, matchingRetry } from './matchingPostDecisions';
import { log } from './log';
import { matchingList, matchingMatch, matchingRefresh, matchingShow, matchingUnmatch } from './matching';
import { matchingSimulate } from './matchingSimulate';
import { settlementsCancel, settlementsList, settlementsRetry, settlementsRun, settlementsShow } from './settlements';
import { schedulesList, schedulesPause, schedulesSync, schedulesTrigger, schedulesUnpause } from './schedules';
import { workflowsCount, workflowsList } from './workflows';
import { status } from './status';

/** In the order `ledgerbridge --help` lists them. */
export const commands: Command[] = [
  start,
  worker,
  codecServer,
  health,
  status,
  tenantsList,
  tenantsAdd,
  tenantsShow,
  tenantsSettings,
  connectionsAdd,
  connectionsList,
  connectionsTest,
  connectionsUpdate,
  connectionsRemove,
  mappingsSet,
  mappingsList,
  mappingsRemove,
  batchClose,
  batchList,
  batchExport,
  batchShow,
  batchApprove,
  batchReject,
  batchRetry,
  batchRenumber,
  batchCheck,
  batchCancel,
  settlementsRun,
  settlementsList,
  settlementsShow,
  settlementsRetry,
  settlementsCancel,
  invoicesRun,
  invoicesList,
  invoicesShow,
  invoicesRetry,
  invoicesCancel,
  matchingRefresh,
  matchingList,
  matchingShow,
  matchingMatch,
  matchingUnmatch,
  matchingRetry,
  matchingCancel,
  matchingSimulate,
  log,
  schedulesSync,
  schedulesList,
  schedulesPause,
  schedulesUnpause,
  schedulesTrigger,
  workflowsList,
  workflowsCount,
  sandboxStart,
];
