/** The first problem of a failed parse with its path, for error messages: "lines[1].amount: expected a number". */
import type { z } from 'zod';

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
  return `${path || '(the whole answer)'}: ${issue.message}`;
}
