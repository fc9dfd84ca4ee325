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
    return ApplicationFailure.create({
      message: err.message,
      type: err.type,
      nonRetryable: false,
      nextRetryDelay: err.retryAfter ? untilFree(err.retryAfter) : undefined,
    });
  }
  if (isStoreError(err)) return ApplicationFailure.create({ message: err.message, type: err.type, nonRetryable: true });
  return err;
}

/**
 * A rate limit (quarantine, hourly or daily quota, pacing queue) names when it frees: the retry comes then, never
 * earlier, and not at the policy's backoff either, which after a few refusals would wait minutes past it. A time
 * already past still waits a moment, so the retry does not meet the same refusal at once.
 */
function untilFree(retryAfter: Date): number {
  return Math.max(retryAfter.getTime() - Date.now(), 1_000);
}

/** Runs an activity body and converts what it throws. */
export async function withFailures<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw asActivityFailure(err);
  }
}

/** A failure a person must fix (a setting, a mapping, the source document): not retried, the flow needs attention. */
export function attention(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}
