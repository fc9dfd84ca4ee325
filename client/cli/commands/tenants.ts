import type { Command } from '../command';
import { CliError, EXIT } from '../output';
import { flag, keyValues, positional, positionalKeyValues } from '../args';
import { parseInput } from '../validate';
import { createConnectionRepo, createTenantRepo } from '../../../db/repos';
import { TENANT_SETTING_SCHEMAS } from '../../../domain/tenantSettings';
import { SCHEDULED_FLOWS } from '../../../domain/scheduledFlows';

export const tenantsList: Command = {
  name: 'tenants list',
  summary: 'List tenants (customer companies)',
  usage: 'tenants list [--json]',
  examples: ['ledgerbridge tenants list'],
  async run(_args, ctx) {
    const { db } = await ctx.database();
    const tenants = await createTenantRepo(db).list();
    ctx.out.table(tenants.map((t) => ({ id: t.id, name: t.name, created: t.createdAt })), ['id', 'name', 'created']);
    return EXIT.ok;
  },
};

export const tenantsAdd: Command = {
  name: 'tenants add',
  summary: 'Add a tenant',
  usage: 'tenants add <id> --name "<company name>" [--setting key=value …]',
  examples: [
    'ledgerbridge tenants add acme-as --name "Acme AS"',
    'ledgerbridge tenants add acme-as --name "Acme AS" --setting batch=\'{"postingMode":"approval"}\'',
  ],
  async run(args, ctx) {
    const id = positional(args, 0, 'the tenant id', 'ledgerbridge tenants add acme-as --name "Acme AS"');
    const name = flag(args, 'name') ?? id;
    const { db } = await ctx.database();
    const tenant = await createTenantRepo(db).add({ id, name, settings: keyValues(args, 'setting') });
    ctx.out.record({ id: tenant.id, name: tenant.name, settings: tenant.settings });
    ctx.out.say(`next: ledgerbridge connections add ${tenant.id} --system 24sevenoffice --name 24so --credentials-stdin < creds.json`);
    return EXIT.ok;
  },
};

export const tenantsShow: Command = {
  name: 'tenants show',
  summary: 'Show a tenant with its settings and connections',
  usage: 'tenants show <id> [--json]',
  examples: ['ledgerbridge tenants show demo', 'ledgerbridge tenants show demo --json'],
  async run(args, ctx) {
    const id = positional(args, 0, 'the tenant id', 'ledgerbridge tenants show demo');
    const { db } = await ctx.database();
    const tenant = await createTenantRepo(db).get(id);
    const connections = (await createConnectionRepo(db, ctx.secrets()).list(id)).map((c) => ({
      id: c.id,
      system: c.system,
      name: c.name,
      lastCheck: c.lastCheck ? `${c.lastCheck.ok ? 'ok' : 'FAILED'} at ${c.lastCheck.at}` : 'never',
    }));
    if (ctx.out.json) {
      ctx.out.record({ ...tenant, connections });
      return EXIT.ok;
    }
    ctx.out.record({ id: tenant.id, name: tenant.name, created: tenant.createdAt, settings: tenant.settings });
    ctx.out.say('\nConnections:');
    ctx.out.table(connections, ['id', 'system', 'name', 'lastCheck']);
    return EXIT.ok;
  },
};

export const tenantsSettings: Command = {
  name: 'tenants settings',
  summary: "Change a tenant's settings: each key=value replaces that key (JSON values), key=null removes it",
  usage: 'tenants settings <id> <key>=<value> [<key>=<value> …] [--json]',
  examples: [
    'ledgerbridge tenants settings acme batch=\'{"postingMode":"approval","chunkSize":200}\'',
    'ledgerbridge tenants settings acme batch=null   # back to the defaults (journal mode, chunks of 250)',
  ],
  async run(args, ctx) {
    const example = 'ledgerbridge tenants settings acme batch=\'{"postingMode":"approval"}\'';
    const id = positional(args, 0, 'the tenant id', example);
    const patch = positionalKeyValues(args, 1);
    if (Object.keys(patch).length === 0) throw new CliError(`missing key=value, e.g. ${example}`);
    const effective: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(TENANT_SETTING_SCHEMAS)) {
      if (patch[key] === undefined || patch[key] === null) continue;
      effective[key] = parseInput(schema, patch[key], `tenant ${id}: ${key} settings`, `${key}.`, `; e.g. ${example}`);
    }
    const { db } = await ctx.database();
    const tenant = await createTenantRepo(db).updateSettings(id, patch);
    ctx.out.record({ id: tenant.id, settings: tenant.settings });
    // A key is replaced whole (a shallow merge): fields not named take their defaults, shown here.
    for (const [key, value] of Object.entries(effective)) ctx.out.say(`${key} in effect: ${JSON.stringify(value)}`);
    if (SCHEDULED_FLOWS.some((f) => f.settingsKey in patch)) ctx.out.say(`the schedules follow with: ledgerbridge schedules sync ${id}`);
    return EXIT.ok;
  },
};
