/**
 * An activity call with its summary in the UI's event history ("Send chunk 3 of 12", "Send the Finvoice to
 * Talenom"), with the flow's activity options: every workflow's steps read as the process they model.
 */
import type { ActivityFunctionWithOptions, ActivityOptions } from '@temporalio/workflow';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's ActivityFunction is typed with any[]
export type Step = <F extends (...args: any[]) => Promise<unknown>>(fn: ActivityFunctionWithOptions<F>, summary: string, ...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>>;

export function stepsWith(options: ActivityOptions): Step {
  return (fn, summary, ...args) => fn.executeWithOptions({ ...options, summary }, args) as never;
}
