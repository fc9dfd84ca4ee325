/** Per-item results of Save* operations: errors arrive in each item's APIException, not as faults (API doc §11). */

export type ItemResult<T> =
  | { ok: true; item: T; created: boolean }
  | { ok: false; item: T; error: string };

/** The item's APIException message, if it has one. */
export function apiError(item: Record<string, any> | undefined): string | undefined {
  const e = item?.APIException;
  if (!e || typeof e !== 'object') return undefined;
  const message = typeof e.Message === 'string' ? e.Message.trim() : '';
  const type = typeof e.Type === 'string' ? e.Type.trim() : '';
  return message || type ? [type, message].filter(Boolean).join(': ') : undefined;
}
