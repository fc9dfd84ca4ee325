import { CliError } from './output';

interface Schema<T> {
  safeParse(v: unknown): { success: boolean; data?: T; error?: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Parses a value a person typed, or refuses it naming each wrong field and why, never the value (it may be a
 * password): `parseInput(schema, v, '24sevenoffice credentials', 'credential ')` → "24sevenoffice credentials are
 * not valid: credential username: Invalid email address".
 */
export function parseInput<T>(schema: Schema<T>, value: unknown, title: string, fieldPrefix: string, fix = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data as T;
  const problems = result.error!.issues.map((i) => `${fieldPrefix}${i.path.map(String).join('.') || '(all)'}: ${i.message}`);
  throw new CliError(`${title} are not valid: ${problems.join('; ')}${fix}`);
}
