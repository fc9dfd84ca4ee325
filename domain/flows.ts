/**
 * Every value the Flow search attribute takes, with what it is: `ledgerbridge workflows` filters and groups by
 * them and refuses a name that is not here. A workflow started with a new Flow value adds its entry here.
 */
import { POSTING_FLOW } from './matching/posting';
import { SETTLEMENT_FLOW } from './settlement/flow';

export interface FlowName {
  flow: string;
  what: string;
}

export const FLOWS: readonly FlowName[] = [
  { flow: 'batch', what: 'accounting batch Telaris → 24SevenOffice' },
  { flow: SETTLEMENT_FLOW, what: 'daily settlement DUELL → 24SevenOffice' },
  { flow: 'invoice-transfer', what: 'Severa invoices → Talenom' },
  { flow: 'product-register', what: 'Severa products → Talenom' },
  { flow: 'sales-ledger', what: 'open items and payments → Talenom' },
  { flow: 'matching', what: 'purchase-order matching 24SevenOffice ↔ CostTracker' },
  { flow: 'matching-desk', what: "an operator's manual matches" },
  { flow: POSTING_FLOW, what: 'CostTracker supplier invoices → 24SevenOffice' },
  { flow: 'connection-check', what: 'a connection tested against its system' },
];

export const FLOW_NAMES: readonly string[] = FLOWS.map((f) => f.flow);
