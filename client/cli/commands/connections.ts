import type { Command } from '../command';
import { CliError, EXIT } from '../output';
import { flag, hasFlag, keyValues, positional, type ParsedArgs } from '../args';
import { createConnectionRepo, createTenantRepo, type Connection, type ConnectionRepo } from '../../../db/repos';
import { connectorDefinition, supportedSystems } from '../../../connectors/registry';
import { SECRET_KEY_ENV } from '../../../db/secrets';
import type { SystemName } from '../../../connectors/types';
import { checkConnection, connectionCheckId } from '../../api';
import type { CommandContext } from '../context';
import { parseInput } from '../validate';
import { isStoreError } from '../../../db/errors';

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

export const connectionsUpdate: Command = {
  name: 'connections update',
  summary: "Change a connection's settings or credentials: named settings replace theirs, --unset removes one, credentials given replace those fields",
  usage: 'connections update <tenant> <name> [--setting key=value …] [--unset key …] [--credentials-stdin | --credential-env field=VAR …]',
  examples: [
    'LB_24SO_PASSWORD=… ledgerbridge connections update acme-as 24so --credential-env password=LB_24SO_PASSWORD   # the password changed',
    'ledgerbridge connections update acme-as 24so --setting identityId=6a0f3c44-6f1e-4c1d-9a57-2f3d1c8e9b10',
    'ledgerbridge connections update acme-as 24so --unset identityId   # back to the user\'s default company',
  ],
  booleans: ['credentials-stdin'],
  async run(args, ctx) {
    const example = 'ledgerbridge connections update acme-as 24so --setting timeoutMs=30000';
    const tenant = positional(args, 0, 'the tenant id', example);
    const name = positional(args, 1, 'the connection name', example);
    const setting = keyValues(args, 'setting');
    const unset = args.flags.get('unset') ?? [];
    const newCredentials = hasFlag(args, 'credentials-stdin') || args.flags.has('credential-env');
    if (Object.keys(setting).length === 0 && unset.length === 0 && !newCredentials) {
      throw new CliError(`nothing to change: pass --setting key=value, --unset key, --credentials-stdin or --credential-env field=VAR, e.g. ${example}`);
    }
    const { db } = await ctx.database();
    const repo = createConnectionRepo(db, ctx.secrets());
    const current = await namedConnection(repo, tenant, name);
    const definition = connectorDefinition(current.system as SystemName);
    const merged: Record<string, unknown> = { ...current.settings, ...setting };
    for (const key of unset) delete merged[key];
    const settings = parseInput(definition.settingsSchema, merged, `${current.system} settings`, 'setting ');
    // Credentials named replace those fields; the others stay (a changed password needs no new username). Sealed
    // under a secret key since replaced, the stored ones cannot be read: then the new ones must be complete.
    const stored = newCredentials ? await repo.loadWithCredentials(current.id).then((c) => c.credentials, (err: unknown) => {
      if (isStoreError(err, 'SecretUnreadable')) return {};
      throw err;
    }) : {};
    const credentials = newCredentials
      ? parseInput(definition.credentialsSchema, { ...stored, ...await readCredentials(args, ctx) }, `${current.system} credentials`, 'credential ')
      : undefined;
    const updated = await repo.update(current.id, { settings: settings as Record<string, unknown>, ...(credentials && { credentials: credentials as Record<string, unknown> }) });
    ctx.out.record({ id: updated.id, tenant: updated.tenantId, system: updated.system, name: updated.name, settings: updated.settings });
    ctx.out.say(`${credentials ? 'settings and credentials' : 'settings'} changed. next: ledgerbridge connections test ${tenant} ${name}`);
    return EXIT.ok;
  },
};

export const connectionsRemove: Command = {
  name: 'connections remove',
  summary: 'Remove a connection and its stored credentials (flows that use it stop until another is added)',
  usage: 'connections remove <tenant> <name> [--json]',
  examples: ['ledgerbridge connections remove acme-as 24so-old'],
  async run(args, ctx) {
    const example = 'ledgerbridge connections remove acme-as 24so-old';
    const tenant = positional(args, 0, 'the tenant id', example);
    const name = positional(args, 1, 'the connection name', example);
    const { db } = await ctx.database();
    const repo = createConnectionRepo(db, ctx.secrets());
    const removed = await repo.remove((await namedConnection(repo, tenant, name)).id);
    ctx.out.record({ id: removed.id, tenant: removed.tenantId, system: removed.system, name: removed.name, removed: true });
    const others = (await repo.list(tenant)).filter((c) => c.system === removed.system);
    ctx.out.say(others.length > 0
      ? `removed. ${removed.system} connections left for ${tenant}: ${others.map((c) => c.name).join(', ')} (a flow's settings name the one it uses when there are several)`
      : `removed. ${tenant} has no ${removed.system} connection now; add one with: ledgerbridge connections add ${tenant} --system ${removed.system} --name <name> --credentials-stdin`);
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
    const connection = await namedConnection(createConnectionRepo(db, ctx.secrets()), tenant, name);
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

async function namedConnection(repo: ConnectionRepo, tenant: string, name: string): Promise<Connection> {
  const connection = (await repo.list(tenant)).find((c) => c.name === name);
  if (!connection) throw new CliError(`tenant ${tenant} has no connection named ${name}: see ledgerbridge connections list ${tenant}`, EXIT.notFound);
  return connection;
}

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
