import type { Command } from '../command';
import { CliError, EXIT } from '../output';
import { flag, hasFlag, keyValues, positional, type ParsedArgs } from '../args';
import { createConnectionRepo, createTenantRepo } from '../../../db/repos';
import { connectorDefinition, supportedSystems } from '../../../connectors/registry';
import { SECRET_KEY_ENV } from '../../../db/secrets';
import type { SystemName } from '../../../connectors/types';
import { checkConnection, connectionCheckId } from '../../api';
import type { CommandContext } from '../context';
import { parseInput } from '../validate';

export const connectionsAdd: Command = {
  name: 'connections add',
  summary: "Add a tenant's connection to an external system; credentials come from stdin or the environment",
  usage: 'connections add <tenant> --system <system> --name <name> [--setting key=value …] (--credentials-stdin | --credential-env field=VAR …)',
  examples: [
    `echo '{"applicationId":"…","username":"me@acme.no","password":"…"}' | \\\n    ledgerbridge connections add acme-as --system 24sevenoffice --name 24so --credentials-stdin`,
    'LB_24SO_PASSWORD=… ledgerbridge connections add acme-as --system 24sevenoffice --name 24so \\\n    --credential-env applicationId=LB_24SO_APP --credential-env username=LB_24SO_USER --credential-env password=LB_24SO_PASSWORD',
    'ledgerbridge connections add demo --system 24sevenoffice --name sandbox --setting apiBaseUrl=http://127.0.0.1:7424 --setting webservicesBaseUrl=http://127.0.0.1:7424 --credentials-stdin < creds.json',
  ],
  booleans: ['credentials-stdin'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge connections add acme-as --system 24sevenoffice --name 24so --credentials-stdin');
    const system = flag(args, 'system') as SystemName | undefined;
    if (!system || !supportedSystems().includes(system)) {
      throw new CliError(`--system must be one of: ${supportedSystems().join(', ')}`);
    }
    const name = flag(args, 'name') ?? system;
    const definition = connectorDefinition(system);
    const settings = parseInput(definition.settingsSchema, keyValues(args, 'setting'), `${system} settings`, 'setting ');
    const credentials = parseInput(definition.credentialsSchema, await readCredentials(args, ctx), `${system} credentials`, 'credential ');
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    const connection = await createConnectionRepo(db, ctx.secrets()).add(tenant, system, name, settings, credentials);
    if (!process.env[SECRET_KEY_ENV]) {
      ctx.out.note(`warning: ${SECRET_KEY_ENV} is not set, so the credentials are encrypted with the development key in the data directory; ` +
        `in production set ${SECRET_KEY_ENV} (openssl rand -base64 32) before adding connections, and keep it`);
    }
    ctx.out.record({ id: connection.id, tenant: connection.tenantId, system: connection.system, name: connection.name, settings: connection.settings });
    ctx.out.say(`credentials stored encrypted. next: ledgerbridge connections test ${tenant} ${name}`);
    return EXIT.ok;
  },
};

export const connectionsList: Command = {
  name: 'connections list',
  summary: "List a tenant's connections (never their credentials)",
  usage: 'connections list <tenant> [--json]',
  examples: ['ledgerbridge connections list demo'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge connections list demo');
    const { db } = await ctx.database();
    await createTenantRepo(db).get(tenant);
    const rows = await createConnectionRepo(db, ctx.secrets()).list(tenant);
    ctx.out.table(
      rows.map((c) => ({ id: c.id, system: c.system, name: c.name, settings: c.settings, lastCheck: c.lastCheck ? (c.lastCheck.ok ? `ok ${c.lastCheck.at}` : `FAILED ${c.lastCheck.at}`) : 'never' })),
      ['id', 'system', 'name', 'lastCheck', 'settings'],
    );
    return EXIT.ok;
  },
};

export const connectionsTest: Command = {
  name: 'connections test',
  summary: 'Test a connection: runs the connectionCheck workflow (visible in the Temporal UI) and prints its report',
  usage: 'connections test <tenant> <name> [--json]',
  examples: ['ledgerbridge connections test demo 24so', 'ledgerbridge connections test demo 24so --json'],
  async run(args, ctx) {
    const tenant = positional(args, 0, 'the tenant id', 'ledgerbridge connections test demo 24so');
    const name = positional(args, 1, 'the connection name', 'ledgerbridge connections test demo 24so');
    const { db } = await ctx.database();
    const connection = (await createConnectionRepo(db, ctx.secrets()).list(tenant)).find((c) => c.name === name);
    if (!connection) {
      throw new CliError(`tenant ${tenant} has no connection named ${name}: see ledgerbridge connections list ${tenant}`, EXIT.notFound);
    }
    ctx.out.note(`checking ${connection.system} connection ${connection.id}…`);
    const { report, workflowId } = await ctx.waitOnWorkflow(connectionCheckId(tenant, connection.id),
      (client) => checkConnection(client, { tenant, connectionId: connection.id, system: connection.system }));
    if (ctx.out.json) ctx.out.record({ ...report, workflowId });
    else {
      ctx.out.table(report.items.map((i) => ({ check: i.name, ok: i.ok ? 'ok' : 'FAILED', detail: i.detail })), ['check', 'ok', 'detail']);
      ctx.out.say(`\n${report.ok ? 'connection works' : 'connection needs attention'} (workflow ${workflowId})`);
    }
    return report.ok ? EXIT.ok : EXIT.notOk;
  },
};

async function readCredentials(args: ParsedArgs, ctx: CommandContext): Promise<Record<string, unknown>> {
  const fromEnv: Record<string, unknown> = {};
  for (const pair of args.flags.get('credential-env') ?? []) {
    const [field, variable] = pair.split('=');
    if (!field || !variable) throw new CliError(`--credential-env ${pair}: expected field=ENV_VAR, e.g. password=LB_24SO_PASSWORD`);
    const value = process.env[variable];
    if (value === undefined) throw new CliError(`--credential-env ${field}=${variable}: environment variable ${variable} is not set`);
    fromEnv[field] = value;
  }
  if (!hasFlag(args, 'credentials-stdin')) {
    if (Object.keys(fromEnv).length === 0) throw new CliError('no credentials: pass --credentials-stdin (JSON on stdin) or --credential-env field=VAR');
    return fromEnv;
  }
  const text = (await ctx.stdin()).trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError('--credentials-stdin: stdin is not a JSON object, e.g. {"username":"me@acme.no","password":"…"}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError('--credentials-stdin: expected a JSON object');
  return { ...(parsed as Record<string, unknown>), ...fromEnv };
}
