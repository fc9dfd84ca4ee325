/**
 * Following a run for `--wait`: its view is asked every second (for the progress bar) until it ends, or until it
 * needs a person (then nothing ends until someone acts, so the command says what and stops waiting).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export type Followed<R, V> = { kind: 'completed'; summary: R } | { kind: 'waiting'; view: V };

export async function followRun<R, V extends { stage: string }>(
  run: { result(): Promise<R>; view(): Promise<V> }, onView: (view: V) => void, everyMs = 1000,
): Promise<Followed<R, V>> {
  let ended = false;
  const result = run.result().finally(() => { ended = true; });
  result.catch(() => undefined); // awaited below; a failure is the caller's
  while (!ended) {
    const view = await run.view().catch(() => undefined);
    if (view) onView(view);
    if (view?.stage === 'needs-attention') return { kind: 'waiting', view };
    await Promise.race([result.catch(() => undefined), sleep(everyMs)]);
  }
  return { kind: 'completed', summary: await result };
}
