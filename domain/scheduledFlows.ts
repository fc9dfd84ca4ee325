/**
 * The flows that run on a schedule, one entry each: which tenant setting holds the schedule, which workflow a run
 * starts and with what. client/schedules derives each tenant's Temporal Schedules from this list, so a new
 * scheduled flow (DUELL settlements, nightly PO matching, the 10-minute order sync) is one entry here.
 */
import { invoiceSettings, type InvoiceSettings } from './invoice/settings';
import { matchingSettings } from './matching/settings';
import { settlementRunIdPrefix } from './settlement/flow';
import { duellSettings } from './settlement/settings';
import type { ActiveScheduleSetting, ScheduleSetting } from './schedule';

export interface ScheduledFlow {
  /** The name operators type: `ledgerbridge schedules trigger acme-oy invoice-transfer`. */
  flow: string;
  /** The tenant setting whose presence turns the flow on for a tenant. */
  settingsKey: string;
  /** Where in that setting the schedule sits, for messages: `severa.transferSchedule`. */
  settingPath: string;
  /** A `tenants settings` value that turns the flow on, for the message to a tenant without it. */
  settingExample: string;
  /** The flow's schedule from the setting's value (defaults applied); undefined when it is `{"off": true}`. */
  schedule(settingsValue: unknown, tenant: string): ActiveScheduleSetting | undefined;
  workflowType: string;
  /** Temporal appends each run's scheduled time to it. */
  workflowIdPrefix(tenant: string): string;
  args(tenant: string): [{ tenant: string }];
  /** One line, shown beside the schedule and each run in the Temporal UI. */
  summary(tenant: string): string;
}

const SEVERA_EXAMPLE = `severa='{"waitingStatus":"Odottaa siirtoa Talenomiin","transferSchedule":{"at":["06:00"],"timezone":"Europe/Helsinki"}}'`;

/** The three Severa → Talenom flows read one `severa` setting, each its own schedule field. */
function severaFlow(flow: string, field: keyof InvoiceSettings & `${string}Schedule`, workflowType: string, idPart: string, what: string): ScheduledFlow {
  return {
    flow,
    settingsKey: 'severa',
    settingPath: `severa.${field}`,
    settingExample: SEVERA_EXAMPLE,
    schedule: (value, tenant) => onlyWhenOn(invoiceSettings({ severa: value }, tenant)[field]),
    workflowType,
    workflowIdPrefix: (tenant) => `${tenant}/${idPart}`,
    args: (tenant) => [{ tenant }],
    summary: (tenant) => `${what} for ${tenant} (schedule ${tenant}/${flow}, ledgerbridge)`,
  };
}

export const SCHEDULED_FLOWS: readonly ScheduledFlow[] = [
  severaFlow('invoice-transfer', 'transferSchedule', 'invoiceTransferRun', 'invoices', 'Severa invoices to Talenom'),
  severaFlow('product-register', 'productsSchedule', 'productRegisterTransfer', 'products', 'Severa products to Talenom'),
  severaFlow('sales-ledger', 'salesLedgerSchedule', 'salesLedgerTransfer', 'sales-ledger', 'Open items and payments to Talenom'),
  {
    flow: 'matching',
    settingsKey: 'matching',
    settingPath: 'matching.schedule',
    settingExample: `matching='{"schedule":{"at":["02:00"],"timezone":"Europe/Oslo"}}'`,
    schedule: (value, tenant) => onlyWhenOn(matchingSettings({ matching: value }, tenant).schedule),
    workflowType: 'matchingRun',
    workflowIdPrefix: (tenant) => `${tenant}/matching`,
    args: (tenant) => [{ tenant }],
    summary: (tenant) => `Purchase-order matching with CostTracker for ${tenant} (schedule ${tenant}/matching, ledgerbridge)`,
  },
  // One schedule per tenant, not per department: a run settles every department side by side (each in its own
  // series, a problem in one never holding another), and `duell.schedule` is one setting of the tenant's.
  {
    flow: 'duell',
    settingsKey: 'duell',
    settingPath: 'duell.schedule',
    settingExample: `duell='{"departments":{"OSL":{"company":"24so","department":1}}}'`,
    schedule: (value, tenant) => onlyWhenOn(duellSettings({ duell: value }, tenant).schedule),
    workflowType: 'settlementRun',
    workflowIdPrefix: settlementRunIdPrefix,
    args: (tenant) => [{ tenant }],
    summary: (tenant) => `Daily settlement DUELL → 24SevenOffice for ${tenant} (schedule ${tenant}/duell, ledgerbridge)`,
  },
];

export function findScheduledFlow(flow: string): ScheduledFlow | undefined {
  return SCHEDULED_FLOWS.find((f) => f.flow === flow);
}

/** `<tenant>/<flow>`: one Temporal Schedule per tenant and flow. */
export const scheduleIdOf = (tenant: string, flow: string) => `${tenant}/${flow}`;

export interface WantedSchedule {
  scheduledFlow: ScheduledFlow;
  setting: ActiveScheduleSetting;
}

/**
 * The schedules a tenant's settings ask for: a flow whose key the settings hold and whose schedule is not off.
 * Throws (naming the tenant, the setting and the fix) when a key holds an invalid value.
 */
export function wantedSchedules(tenant: string, settings: Record<string, unknown>, flows: readonly ScheduledFlow[] = SCHEDULED_FLOWS): WantedSchedule[] {
  return flows.flatMap((scheduledFlow) => {
    if (settings[scheduledFlow.settingsKey] === undefined) return [];
    const setting = scheduledFlow.schedule(settings[scheduledFlow.settingsKey], tenant);
    return setting ? [{ scheduledFlow, setting }] : [];
  });
}

function onlyWhenOn(setting: ScheduleSetting): ActiveScheduleSetting | undefined {
  return 'off' in setting ? undefined : setting;
}
