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

test("a client's extended-protocol query is never split by ours or another client's: a busy worker, two CLIs, every answer right", async () => {
  if (process.env.DATABASE_URL) return;
  const database = await openDatabase({ url: '', dataDir: 'memory://' });
  const socket = await servePglite(database, await freePort());
  // The CLI's own way in: drizzle over one postgres.js connection, whose statements are unnamed.
  const clis = [await openDatabase({ url: socket.url, shared: true }), await openDatabase({ url: socket.url, shared: true })];
  const tenants = createTenantRepo(database.db);
  let busy = true;
  let worker: Promise<number[]> = Promise.resolve([]);
  try {
    for (let i = 0; i < 20; i++) await tenants.add({ id: `t${i}`, name: `Tenant ${i}` });
    // The worker's statements, in transactions and alone, arriving while a CLI's messages are being handled.
    const chain = async (inTransaction: boolean, k: number) => {
      let n = 0;
      while (busy) {
        const id = `w${k}-${n++}`;
        if (inTransaction) await database.db.transaction(async (tx) => { await createTenantRepo(tx).add({ id, name: id, settings: { a: 1, b: 2 } }); });
        else await tenants.get(`t${n % 20}`);
        await new Promise((r) => setImmediate(r));
      }
      return n;
    };
    worker = Promise.all([chain(true, 0), chain(false, 1), chain(true, 2), chain(false, 3)]);
    const asked = clis.map(async (cli, c) => {
      const names: string[] = [];
      for (let i = 0; i < 150; i++) {
        const id = `t${(i * 7 + c) % 20}`;
        names.push(`${id}=${(await createTenantRepo(cli.db).get(id)).name}`);
      }
      return names;
    });
    const answers = await Promise.all(asked);
    busy = false;
    expect((await worker).every((n) => n > 0)).toBe(true);
    for (const [c, names] of answers.entries()) {
      expect(names).toEqual(Array.from({ length: 150 }, (_, i) => { const n = (i * 7 + c) % 20; return `t${n}=Tenant ${n}`; }));
    }
  } finally {
    busy = false;
    await worker.catch(() => undefined);
    for (const cli of clis) await cli.close();
    await socket.stop();
    await database.close();
  }
}, 120_000);
