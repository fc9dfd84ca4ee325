/** One key of a tenant's settings, parsed with its defaults, or an error naming every bad field and the fix. */
import type { ZodType } from 'zod';

export function parseSettingsKey<T>(schema: ZodType<T, any>, key: string, tenantSettings: Record<string, unknown>, tenant: string): T {
  const parsed = schema.safeParse(tenantSettings[key] ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${key}.${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`tenant ${tenant} has invalid ${key} settings (${problems}); fix with: ledgerbridge tenants settings ${tenant} ${key}='{…}'`);
  }
  return parsed.data;
}
