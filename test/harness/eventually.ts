/**
 * Waits for something another process shows in its own time (the Temporal UI, a visibility query): asks again until
 * `probe` returns a value, and fails naming what never came.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`waited ${timeoutMs / 1000}s for ${what}${lastError ? `; last error: ${(lastError as Error).message}` : ''}`);
}
