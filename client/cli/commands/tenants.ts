import type { Command } from '../command';
import { EXIT } from '../output';
import { flag, keyValues, positional } from '../args';
import { createConnectionRepo, createTenantRepo } from '../../../db/repos';

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
