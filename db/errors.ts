/**
 * Failures of the stored data that a person resolves (an unknown tenant, a duplicate name, credentials saved
 * under another key). Like ConnectorError they carry a stable `type`, which activities turn into a
 * non-retryable ApplicationFailure of the same type.
 */
export type StoreErrorType = 'NotFound' | 'AlreadyExists' | 'SecretUnreadable';

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly type: StoreErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isStoreError(err: unknown, type?: StoreErrorType): err is StoreError {
  return err instanceof StoreError && (type === undefined || err.type === type);
}
