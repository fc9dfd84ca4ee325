import type { Command } from '../command';
import { EXIT } from '../output';
import { readRuntime } from '../../../platform/config';
import { temporalSettings } from '../../../platform/temporal-connection';

export const health: Command = {
  name: 'health',
  summary: 'Check that Temporal and the database answer',
  usage: 'health [--json]',
  examples: ['ledgerbridge health', 'ledgerbridge health --json | jq .ok'],
  async run(_args, ctx) {
    const checks: { component: string; ok: boolean; detail: string }[] = [];
    const { connectionOptions, namespace } = temporalSettings();
    try {
      const client = await ctx.temporal();
      await client.workflowService.getSystemInfo({});
      checks.push({ component: 'temporal', ok: true, detail: `${connectionOptions.address ?? 'localhost:7233'} namespace ${namespace}` });
    } catch (err) {
      checks.push({ component: 'temporal', ok: false, detail: (err as Error).message });
    }
    try {
      const database = await ctx.database();
      checks.push({ component: 'database', ok: true, detail: database.kind });
    } catch (err) {
      checks.push({ component: 'database', ok: false, detail: (err as Error).message });
    }
    const runtime = readRuntime();
    if (runtime?.uiUrl) checks.push({ component: 'ui', ok: true, detail: runtime.uiUrl });
    const ok = checks.every((c) => c.ok);
    if (ctx.out.json) ctx.out.record({ ok, checks });
    else ctx.out.table(checks, ['component', 'ok', 'detail']);
    return ok ? EXIT.ok : EXIT.environment;
  },
};
