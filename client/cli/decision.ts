/**
 * An operator's decision (retry, cancel, approve …) sent to a running workflow as an update: the workflow's answer,
 * its refusal as exit 5 with its reason, or — no such workflow running — the caller's own explanation.
 */
import type { Client } from '@temporalio/client';
import type { CommandContext } from './context';
import { CliError, EXIT } from './output';

export async function sendDecision<T>(
  ctx: CommandContext, workflowId: string, verb: string, send: (client: Client) => Promise<T>, notRunning: () => CliError | Promise<CliError>,
): Promise<T> {
  try {
    return await ctx.waitOnWorkflow(workflowId, send);
  } catch (err) {
    const e = err as Error & { cause?: Error };
    if (e.name === 'WorkflowUpdateFailedError') throw new CliError(`${verb} refused: ${e.cause?.message ?? e.message}`, EXIT.conflict);
    if (e.name === 'WorkflowNotFoundError') throw await notRunning();
    throw err;
  }
}
