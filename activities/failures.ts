/**
 * Connector and store errors → Temporal failures with the same stable `type`. Transient ones stay retryable
 * (a rate-limit quarantine no earlier than its end); the rest are non-retryable: a person must act, and
 * retrying blindly would only repeat the refusal.
 */
import { ApplicationFailure } from '@temporalio/common';
import { isConnectorError } from '../connectors/errors';
import { isStoreError } from '../db/errors';

export function asActivityFailure(err: unknown): unknown {
  if (isConnectorError(err)) {
    if (!err.retryable) return ApplicationFailure.create({ message: err.message, type: err.type, nonRetryable: true });
    const wait = err.retryAfter ? err.retryAfter.getTime() - Date.now() : undefined;
    return ApplicationFailure.create({
      message: err.message,
      type: err.type,
      nonRetryable: false,
      nextRetryDelay: wait && wait > 0 ? wait : undefined,
    });
  }
  if (isStoreError(err)) return ApplicationFailure.create({ message: err.message, type: err.type, nonRetryable: true });
  return err;
}

/** Runs an activity body and converts what it throws. */
export async function withFailures<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw asActivityFailure(err);
  }
}
