import { CliError } from './output';

interface Schema<T> {
  safeParse(v: unknown): { success: boolean; data?: T; error?: { issues: { path: PropertyKey[]; message: string; code?: string }[] } };
  /** An object schema's fields: keys outside them are refused by name (zod would drop them without a word). */
  shape?: Record<string, unknown>;
}

/**
 * Parses a value a person typed, or refuses it naming each wrong field and why, never the value (it may be a
 * password): `parseInput(schema, v, '24sevenoffice credentials', 'credential ')` → "24sevenoffice credentials are
 * not valid: credential username: Invalid email address". A field the schema does not know (a misspelled
 * `identityID`) is refused with the nearest known name, not dropped.
 */
export function parseInput<T>(schema: Schema<T>, value: unknown, title: string, fieldPrefix: string, fix = ''): T {
  const unknown = unknownFields(schema, value).map((key) => `${fieldPrefix}${key}: not a field here${nearest(key, Object.keys(schema.shape!))}`);
  const result = schema.safeParse(value);
  const problems = [...unknown, ...(result.success ? [] : result.error!.issues.filter((i) => i.code !== 'unrecognized_keys' || unknown.length === 0).map((i) => `${fieldPrefix}${i.path.map(String).join('.') || '(all)'}: ${i.message}`))];
  if (problems.length === 0) return result.data as T;
  const known = unknown.length > 0 ? ` (the fields are ${Object.keys(schema.shape!).join(', ')})` : '';
  throw new CliError(`${title} are not valid: ${[...new Set(problems)].join('; ')}${known}${fix}`);
}

function unknownFields(schema: Schema<unknown>, value: unknown): string[] {
  if (!schema.shape || !value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value).filter((key) => !(key in schema.shape!));
}

/** " (did you mean identityId?)" when a known name is a slip away: case, dashes, or up to two letters. */
export function nearest(key: string, known: string[]): string {
  const plain = (k: string) => k.toLowerCase().replace(/[-_]/g, '');
  const match = known.find((k) => plain(k) === plain(key)) ?? known.find((k) => editDistance(plain(k), plain(key)) <= 2);
  return match ? ` (did you mean ${match}?)` : '';
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
