import { CliError, EXIT } from './output';

/** Errors from any layer → one sentence and an exit code; stack traces only with LEDGERBRIDGE_DEBUG=1. */
export function describeError(err: unknown): { message: string; exitCode: number } {
  if (process.env.LEDGERBRIDGE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  const e = err as { name?: string; message?: string; code?: string; type?: string; cause?: unknown };
  // drizzle wraps a driver's error as "Failed query: <sql>\nparams: …"; what went wrong is the driver's message.
  const failedQuery = e?.message?.startsWith('Failed query: ') && e.cause instanceof Error;
  const message = failedQuery ? `the database refused a query: ${(e.cause as Error).message} (${e.message!.split('\n')[0]})` : e?.message ?? String(err);
  if (e?.name === 'StoreError' && e.type === 'NotFound') return { message, exitCode: EXIT.notFound };
  if (e?.name === 'StoreError' && e.type === 'AlreadyExists') return { message, exitCode: EXIT.conflict };
  if (e?.name === 'StoreError' && e.type === 'SecretUnreadable') return { message, exitCode: EXIT.environment };
  switch (e?.name) {
    case 'WorkflowExecutionAlreadyStartedError':
    case 'BatchAlreadyExported':
    case 'NothingToClose':
    case 'ScheduleBusy':
      return { message, exitCode: EXIT.conflict };
    case 'WorkflowUpdateFailedError':
      // The workflow's validator refused: its reason is the cause, "Workflow Update failed" says nothing.
      return { message: (err as { cause?: Error }).cause?.message ?? message, exitCode: EXIT.conflict };
    case 'WorkflowNotFoundError':
      return { message, exitCode: EXIT.notFound };
    case 'TemporalUnreachable':
    case 'TemporalSettingsInvalid':
    case 'TemporalCliMissing':
    case 'NoWorkerPolling':
    case 'CodecKeysUnavailable':
    case 'PayloadKeyUnknown':
      return { message, exitCode: EXIT.environment };
    case 'ZodError':
      return { message: `invalid input: ${message}`, exitCode: EXIT.usage };
  }
  if (e?.code === 'ECONNREFUSED') return { message, exitCode: EXIT.environment };
  return { message, exitCode: EXIT.notOk };
}
