import type { CheckReport } from '../connectors/types';

/** The check report as the Temporal UI shows it in a workflow's current details. */
export function checkReportMarkdown(connection: string, report: CheckReport, at: Date): string {
  const head = report.ok
    ? `### ✅ Connection ${connection} (${report.system}) works`
    : `### ❌ Connection ${connection} (${report.system}) needs attention`;
  const rows = report.items.map((i) => `| ${i.ok ? '✅' : '❌'} | ${i.name} | ${i.detail.replace(/\|/g, '\\|')} |`);
  return [head, '', `Checked ${at.toISOString()}`, '', '| | check | result |', '|---|---|---|', ...rows].join('\n');
}
