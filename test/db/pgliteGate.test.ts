/**
 * The embedded PGlite is one session shared by this process and the socket's clients (the CLI under `npm
 * start`): a client that arrives during one of our transactions is answered once it ends, is not taken into it,
 * and is not left waiting because an earlier client has gone.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../../db';
import { servePglite } from '../../db/socket';
import { createTenantRepo } from '../../db/repos';
import { freePort } from '../../platform/dev-server';

test('a CLI arriving during an in-process transaction that rolls back is answered, and keeps its own write', async () => {
  if (process.env.DATABASE_URL) return; // PostgreSQL has sessions of its own
  const database = await openDatabase({ url: '', dataDir: 'memory://' });
  const socket = await servePglite(database, await freePort());
  const earlier = postgres(socket.url, { max: 1, onnotice: () => {} });
  const cli = postgres(socket.url, { max: 1, onnotice: () => {} });
  try {
    await earlier`select 1`; // an earlier command, gone by now
    await earlier.end({ timeout: 1 });
    let cliWrite: Promise<unknown> | undefined;
    await expect(database.db.transaction(async (tx) => {
      await createTenantRepo(tx).add({ id: 'ours', name: 'In the transaction' });
      cliWrite = cli`insert into tenants (id, name) values ('theirs', 'From the CLI')`.then(() => 'answered');
      await new Promise((r) => setTimeout(r, 500)); // the CLI's statements arrive while we are inside
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    const waited = await Promise.race([cliWrite, new Promise((r) => setTimeout(() => r('never answered'), 10_000))]);
    expect(waited).toBe('answered');
    const ids = (await database.db.execute(sql`select id from tenants order by id`)) as unknown as { rows: { id: string }[] };
    expect(ids.rows.map((r) => r.id)).toEqual(['theirs']);
  } finally {
    await cli.end({ timeout: 1 });
    await socket.stop();
    await database.close();
  }
});

test("a client's extended-protocol query is never split by ours or another client's: busy worker, two CLIs, all answered right", async () => {
  if (process.env.DATABASE_URL) return;
  const database = await openDatabase({ url: '', dataDir: 'memory://' });
  const socket = await servePglite(database, await freePort());
  const clis = [postgres(socket.url, { max: 1, onnotice: () => {} }), postgres(socket.url, { max: 1, onnotice: () => {} })];
  const tenants = createTenantRepo(database.db);
  try {
    for (let i = 0; i < 20; i++) await tenants.add({ id: `t${i}`, name: `Tenant ${i}` });
    let busy = true;
    // The worker's own queries, one after another, as an activity's reads between the CLI's messages.
    const worker = (async () => { let n = 0; while (busy) { await tenants.get(`t${n++ % 20}`); } return n; })();
    const asked = clis.map(async (cli, c) => {
      const names: string[] = [];
      for (let i = 0; i < 60; i++) {
        const id = `t${(i * 7 + c) % 20}`;
        const [row] = await cli`select name from tenants where id = ${id}`;
        names.push(`${id}=${row?.name}`);
      }
      return names;
    });
    const answers = await Promise.all(asked);
    busy = false;
    expect(await worker).toBeGreaterThan(0);
    for (const [c, names] of answers.entries()) {
      expect(names).toEqual(Array.from({ length: 60 }, (_, i) => { const n = (i * 7 + c) % 20; return `t${n}=Tenant ${n}`; }));
    }
  } finally {
    for (const cli of clis) await cli.end({ timeout: 1 });
    await socket.stop();
    await database.close();
  }
}, 60_000);
