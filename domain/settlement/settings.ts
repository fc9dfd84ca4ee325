/**
 * A tenant's DUELL POS settings (tenant settings key `duell`), DUELL → 24SevenOffice: which connections, when the
 * transfer runs, and per DUELL department what is transferred and where it lands. One 24SevenOffice user may keep
 * several companies (each a 24SevenOffice connection) and several departments: each DUELL department names its
 * company and its 24SevenOffice department.
 *
 *   ledgerbridge tenants settings acme-as duell='{"departments":{"OSL":{"company":"acme","department":1}}}'
 *   ledgerbridge tenants settings acme-as duell='{"departments":{"OSL":{"company":"acme","department":1,
 *     "saveTo":"ledger","inventoryChange":true,"inventoryChangeAccount":4390,"inventoryAccount":1460,
 *     "fromDate":"2026-12-01"},"BGN":{"company":"acme-bergen","department":2,"goods":true,"stock":true}}}'
 *   ledgerbridge tenants settings acme-as duell='{"schedule":{"at":["05:00"],"timezone":"Europe/Oslo"},"departments":{…}}'
 *   ledgerbridge tenants settings acme-as duell='{"schedule":{"off":true},"departments":{…}}'     by hand only
 *
 * The settlement's accounts (sales, payment types, VAT, rounding, cash difference, tips) are mappings on the route
 * duell → 24sevenoffice (domain/settlement/accounts.ts); only the inventory change's two accounts are settings,
 * since they belong to the department's choice to post it.
 */
import { z } from 'zod';
import { parseSettingsKey } from '../settingsKey';
import { scheduleSettingSchema } from '../schedule';

const account = z.number().int().min(1000).max(9999);
const master = z.enum(['duell', '24sevenoffice']);

/** zod's message for a field the schema does not know, listing those it does. */
function knownFieldsOnly(whose: string, shape: object): { error: z.core.$ZodErrorMap } {
  return { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}; ${whose} fields are ${Object.keys(shape).join(', ')}` : undefined) };
}

const departmentFields = {
  /** The 24SevenOffice connection (one company) this department's vouchers go to; default: the tenant's only one. */
  company: z.string().min(1).optional(),
  /** The 24SevenOffice department id every line of the department's vouchers carries. */
  department: z.number().int().positive(),
  /** The daily settlement (Z-report, dagsoppgjør) as a voucher. */
  zReport: z.boolean().default(true),
  /** DUELL's "Type import": `journal` waits in voucher reception to be approved; `ledger` posts at once. */
  saveTo: z.enum(['journal', 'ledger']).default('journal'),
  /** Beholdningsendring: the cost of the goods sold moves from inventory to cost of goods with the settlement. */
  inventoryChange: z.boolean().default(false),
  /** Debited with the cost of goods sold, e.g. 4390 (DUELL's "Beholdningsendring"). */
  inventoryChangeAccount: account.optional(),
  /** Credited with the cost of goods sold, e.g. 1460 (DUELL's "Varelager"). */
  inventoryAccount: account.optional(),
  /** Invoice basis (fakturagrunnlag) → order/invoice drafts in 24SevenOffice. */
  invoices: z.boolean().default(false),
  customers: z.boolean().default(false),
  /** The system whose customer records win when both changed. */
  customerMaster: master.default('duell'),
  goods: z.boolean().default(false),
  goodsMaster: master.default('duell'),
  /** Stock quantities with the goods. */
  stock: z.boolean().default(false),
  /** Nothing dated before this day is transferred (YYYY-MM-DD). */
  fromDate: z.iso.date({ error: 'a date like "2026-12-01" (YYYY-MM-DD, a day that exists)' }).optional(),
};

export const duellDepartmentSchema = z.strictObject(departmentFields, knownFieldsOnly("a department's", departmentFields));

export type DuellDepartmentSettings = z.output<typeof duellDepartmentSchema>;

const duellFields = {
  /** Connection names; default: the tenant's only connection of that system. */
  source: z.string().min(1).optional(),
  /** When the transfer runs; `{"off":true}` leaves it to an operator. */
  schedule: scheduleSettingSchema.default({ every: '24 hours' }),
  /** DUELL department id → what is transferred and where. */
  departments: z.record(z.string().regex(/^[^/\s]+$/, 'a DUELL department id without spaces or "/"'), duellDepartmentSchema).superRefine(refuseContradictions),
};

export const duellSettingsSchema = z.strictObject(duellFields, knownFieldsOnly('the', duellFields));

export type DuellSettings = z.output<typeof duellSettingsSchema>;

export function duellSettings(tenantSettings: Record<string, unknown>, tenant: string): DuellSettings {
  return parseSettingsKey(duellSettingsSchema, 'duell', tenantSettings, tenant);
}

/** Settings that each parse but cannot all hold: refused with the department named and both ways out. */
function refuseContradictions(departments: Record<string, DuellDepartmentSettings>, ctx: z.RefinementCtx): void {
  for (const [id, d] of Object.entries(departments)) {
    const refuse = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [id, field], message: `department ${id}: ${message}` });
    if (d.inventoryChange && !d.zReport) {
      refuse('inventoryChange', 'inventory change is posted with the Z-report, which is off; set "zReport": true or "inventoryChange": false');
    }
    if (d.inventoryChange && (d.inventoryChangeAccount === undefined || d.inventoryAccount === undefined)) {
      refuse('inventoryChange', 'inventory change needs both its accounts; set e.g. "inventoryChangeAccount": 4390 and "inventoryAccount": 1460, or "inventoryChange": false');
    }
    if (d.stock && !d.goods) {
      refuse('stock', 'stock quantities go with the goods, which are off; set "goods": true or "stock": false');
    }
  }
}
