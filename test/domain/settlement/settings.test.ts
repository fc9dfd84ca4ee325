/** The `duell` tenant setting: defaults, field checks, and contradictions refused with the department and the fix. */
import { duellSettings } from '../../../domain/settlement/settings';
import { TENANT_SETTING_SCHEMAS } from '../../../domain/tenantSettings';

const settingsOf = (departments: Record<string, unknown>, rest: Record<string, unknown> = {}) => duellSettings({ duell: { ...rest, departments } }, 'acme-as');
const refusal = (departments: Record<string, unknown>) => {
  try {
    settingsOf(departments);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the settings were accepted');
};

test('a department with only its company and 24SevenOffice department gets the defaults: Z-report to the journal, nothing else', () => {
  const s = settingsOf({ OSL: { company: 'acme', department: 1 } });
  expect(s.schedule).toEqual({ every: '24 hours' });
  expect(s.departments.OSL).toEqual({
    company: 'acme', department: 1, zReport: true, saveTo: 'journal', inventoryChange: false, invoices: false,
    customers: false, customerMaster: 'duell', goods: false, goodsMaster: 'duell', stock: false,
  });
});

test('several departments may go to several companies, each with its own choices', () => {
  const s = settingsOf({
    OSL: { company: 'acme', department: 1, saveTo: 'ledger', inventoryChange: true, inventoryChangeAccount: 4390, inventoryAccount: 1460, fromDate: '2026-12-01' },
    BGN: { company: 'acme-bergen', department: 2, goods: true, goodsMaster: '24sevenoffice', stock: true },
  }, { schedule: { at: ['05:00'], timezone: 'Europe/Oslo' } });
  expect(s.departments.OSL).toMatchObject({ saveTo: 'ledger', inventoryChange: true, fromDate: '2026-12-01' });
  expect(s.departments.BGN).toMatchObject({ company: 'acme-bergen', goodsMaster: '24sevenoffice', stock: true });
  expect(s.schedule).toEqual({ at: ['05:00'], timezone: 'Europe/Oslo' });
});

test('inventory change with the Z-report off is refused, naming the department and both ways out', () => {
  const message = refusal({ OSL: { department: 1, zReport: false, inventoryChange: true, inventoryChangeAccount: 4390, inventoryAccount: 1460 } });
  expect(message).toContain('department OSL: inventory change is posted with the Z-report, which is off; set "zReport": true or "inventoryChange": false');
});

test('inventory change without its two accounts is refused with an example of each', () => {
  const message = refusal({ OSL: { department: 1, inventoryChange: true, inventoryChangeAccount: 4390 } });
  expect(message).toContain('department OSL: inventory change needs both its accounts; set e.g. "inventoryChangeAccount": 4390 and "inventoryAccount": 1460');
});

test('stock without goods is refused', () => {
  expect(refusal({ BGN: { department: 2, stock: true } })).toContain('department BGN: stock quantities go with the goods, which are off; set "goods": true or "stock": false');
});

test('a from-date that is no day is refused: a wrong form and a day that does not exist', () => {
  expect(refusal({ OSL: { department: 1, fromDate: '01.12.2026' } })).toContain('duell.departments.OSL.fromDate: a date like "2026-12-01"');
  expect(refusal({ OSL: { department: 1, fromDate: '2026-02-30' } })).toContain('duell.departments.OSL.fromDate');
});

test('an unknown field is refused with the fields there are, so a misspelling is seen', () => {
  const message = refusal({ OSL: { department: 1, zreport: false } });
  expect(message).toContain('duell.departments.OSL: unknown field zreport; a department\'s fields are company, department, zReport,');
  expect(() => duellSettings({ duell: { departments: {}, schedul: {} } }, 'acme-as')).toThrow('unknown field schedul; the fields are source, schedule, departments');
});

test('every problem is reported at once, with the command that fixes it', () => {
  const message = refusal({ OSL: { department: 1, zReport: false, inventoryChange: true }, BGN: { department: 0 } });
  expect(message).toMatch(/^tenant acme-as has invalid duell settings/);
  expect(message).toContain('department OSL: inventory change is posted with the Z-report');
  expect(message).toContain('department OSL: inventory change needs both its accounts');
  expect(message).toContain('duell.departments.BGN.department');
  expect(message).toContain("fix with: ledgerbridge tenants settings acme-as duell='{…}'");
});

test('`tenants settings` knows the key, so a bad value is refused when it is typed', () => {
  expect(TENANT_SETTING_SCHEMAS.duell!.safeParse({ departments: { OSL: { department: 1, stock: true } } }).success).toBe(false);
});
