/** How a connector names what is wrong in an external payload that failed its zod schema. */
import type { z } from 'zod';

/** "lines[1].amount: 100.125 has more than two decimals…" — the first problem of a failed parse, with its path. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issuePath(issue.path) || '(the whole answer)'}: ${issue.message}`;
}

/** ["lines", 1, "amount"] → "lines[1].amount" */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}
