/**
 * The exactly-once protocol on its own, against the real database and a small target that keeps what it was
 * sent: every branch a flow relies on (done, changed, lost answer, refused, taken by another writer, unreadable).
 */
import { createIdempotencyRepo } from '../../db/repos';
import { exactlyOnce, EdgeRefusal, type Answer, type EdgeWrite, type Found } from '../../activities/exactlyOnce';
import { useTestDatabase } from '../db/testDatabase';

const test_ = useTestDatabase();
type Doc = { key: string; request: { no: number; amount: number } };
const doc = (id: string, amount = 100, no = 1): Doc => ({ key: `telaris/document/${id}`, request: { no, amount } });

/** A target that keeps documents by key, can lose answers, refuse, or hold documents of another writer; `readable` false is a journal. */
function aTarget(options: { readable?: boolean } = {}) {
  const held = new Map<string, Doc['request']>();
  const target = {
    held,
    sends: 0,
    loseNextAnswer: false,
    refuseNext: undefined as string | undefined,
    /** Another writer's documents under these keys. */
    others: new Map<string, Doc['request']>(),
    write(over: Partial<EdgeWrite<Doc>> = {}): EdgeWrite<Doc> {
      return {
        tenant: 'acme-as', system: '24sevenoffice', documents: [],
        async lookUp(docs) {
          return new Map(docs.map((d): [string, Found] => {
            if (options.readable === false) return [d.key, 'unknown'];
            const there = held.get(d.key) ?? target.others.get(d.key);
            if (there) return [d.key, there.amount === d.request.amount ? 'there' : 'different'];
            return [d.key, 'absent'];
          }));
        },
        async send(docs): Promise<Answer> {
          target.sends++;
          if (target.refuseNext) { const reason = target.refuseNext; target.refuseNext = undefined; return { kind: 'refused', reason }; }
          if (docs.some((d) => held.has(d.key) || target.others.has(d.key))) return { kind: 'taken', reason: 'DuplicateData' };
          for (const d of docs) held.set(d.key, d.request);
          if (target.loseNextAnswer) { target.loseNextAnswer = false; throw new Error('socket hang up'); }
          return { kind: 'applied' };
        },
        onConfirmed: async () => undefined,
        ...over,
      };
    },
  };
  return target;
}

const state = async (key: string) => (await createIdempotencyRepo(test_.db).get('acme-as', '24sevenoffice', key))?.state;

test('documents confirmed with the same request are not sent again; a re-cut chunk sends only the rest', async () => {
  const target = aTarget();
  await exactlyOnce(test_.db, target.write({ documents: [doc('1'), doc('2')] }));
  const outcome = await exactlyOnce(test_.db, target.write({ documents: [doc('2'), doc('3'), doc('1')] }));
  expect(outcome.sent.map((d) => d.key)).toEqual([doc('3').key]);
  expect(outcome.alreadyThere).toHaveLength(2);
  expect(target.sends).toBe(2);
});

test('the ids a target names in its answer are recorded with the confirmation', async () => {
  const target = aTarget();
  const named = target.write({
    documents: [doc('1'), doc('2')],
    send: async () => ({ kind: 'applied', externalIds: new Map([[doc('1').key, 'INV-501']]) }),
    externalId: (d) => `by-rule/${d.request.no}`,
  });
  await exactlyOnce(test_.db, named);
  const records = await createIdempotencyRepo(test_.db).getAll('acme-as', '24sevenoffice', [doc('1').key, doc('2').key]);
  expect(Object.fromEntries(records.map((r) => [r.key, r.externalId]))).toEqual({ [doc('1').key]: 'INV-501', [doc('2').key]: 'by-rule/1' });
});

test('a confirmed key with another request is an error, never a skip', async () => {
  const target = aTarget();
  await exactlyOnce(test_.db, target.write({ documents: [doc('1', 100)] }));
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('1', 250)] }))).rejects.toMatchObject({ kind: 'conflict' });
  expect(target.sends).toBe(1);
});

test('a lost answer is looked up, not sent again; the caller records in the same transaction', async () => {
  const target = aTarget();
  target.loseNextAnswer = true;
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('1')] }))).rejects.toThrow('socket hang up');
  expect(await state(doc('1').key)).toBe('sent');
  const recorded: string[] = [];
  const outcome = await exactlyOnce(test_.db, target.write({ documents: [doc('1')], onConfirmed: async (_tx, c) => { recorded.push(...c.map((x) => `${x.document.key}:${x.how}`)); } }));
  expect(outcome.alreadyThere).toHaveLength(1);
  expect(recorded).toEqual([`${doc('1').key}:found`]);
  expect(target.sends).toBe(1);
});

test('a refusal leaves a state that never reads as ours: the retry sends again', async () => {
  const target = aTarget();
  target.refuseNext = 'the period 2026-11 is closed';
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('1')] }))).rejects.toMatchObject({ kind: 'refused' });
  expect(await state(doc('1').key)).toBe('refused');
  const outcome = await exactlyOnce(test_.db, target.write({ documents: [doc('1')] }));
  expect(outcome.sent).toHaveLength(1);
  expect(target.sends).toBe(2);
});

test('"taken" by another writer refuses our documents, on every retry, until they are renumbered', async () => {
  const target = aTarget({ readable: false });
  target.others.set(doc('1').key, { no: 1, amount: 999 });
  for (const attempt of [1, 2]) {
    const err = await exactlyOnce(test_.db, target.write({ documents: [doc('1')], takenMeansOurs: true })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdgeRefusal);
    expect((err as EdgeRefusal).kind).toBe('conflict');
    expect(await state(doc('1').key)).toBe('refused');
    expect(target.sends).toBe(attempt);
  }
});

test('in an unreadable target a lost answer waits for a person; "in target" confirms, "resend" sends', async () => {
  const target = aTarget({ readable: false });
  target.loseNextAnswer = true;
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('1'), doc('2')] }))).rejects.toThrow('socket hang up');
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('1'), doc('2')] }))).rejects.toMatchObject({ kind: 'unknown' });
  expect(target.sends).toBe(1);
  const seen = await exactlyOnce(test_.db, target.write({ documents: [doc('1')], resolution: 'in-target' }));
  expect(seen.alreadyThere).toHaveLength(1);
  expect(await state(doc('1').key)).toBe('confirmed');
  // The person was wrong about doc 2 ("resend"): the target refuses the repeat, and it stays unknown, never refused.
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('2')], resolution: 'resend' }))).rejects.toMatchObject({ kind: 'unknown' });
  expect(await state(doc('2').key)).toBe('sent');
});

test('where the target refuses a repeated identity, "taken" after our own lost answer is ours', async () => {
  const target = aTarget({ readable: false });
  target.loseNextAnswer = true;
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('1')], takenMeansOurs: true }))).rejects.toThrow('socket hang up');
  const outcome = await exactlyOnce(test_.db, target.write({ documents: [doc('1')], takenMeansOurs: true }));
  expect(outcome.alreadyThere.map((d) => d.key)).toEqual([doc('1').key]);
  expect(await state(doc('1').key)).toBe('confirmed');
  expect(target.held.size).toBe(1);
});

test('a refused retry of a request whose first answer was lost stays unknown, not "certainly not applied"', async () => {
  const target = aTarget({ readable: false });
  target.loseNextAnswer = true;
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('1')], takenMeansOurs: true }))).rejects.toThrow('socket hang up');
  target.refuseNext = 'the period 2026-11 is closed';
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('1')], takenMeansOurs: true }))).rejects.toMatchObject({ kind: 'refused' });
  expect(await state(doc('1').key)).toBe('sent');
});

test('each document counts once when confirmed: a re-cut chunk, or a lost answer found on the retry, does not count it again', async () => {
  const target = aTarget();
  const counted: number[] = [];
  const count = { counter: { add: (n: number) => { counted.push(n); } }, flow: 'batch' };
  await exactlyOnce(test_.db, target.write({ documents: [doc('1'), doc('2')], counted: count }));
  await exactlyOnce(test_.db, target.write({ documents: [doc('2'), doc('3')], counted: count }));
  target.loseNextAnswer = true;
  await expect(exactlyOnce(test_.db, target.write({ documents: [doc('4')], counted: count }))).rejects.toThrow('socket hang up');
  await exactlyOnce(test_.db, target.write({ documents: [doc('4')], counted: count }));

  expect(counted.reduce((a, b) => a + b, 0)).toBe(4);
});
