/**
 * What every ledgerbridge workflow starts with, for the Temporal UI: the typed search attributes operators filter by
 * and the static summary and details. One shape for every starter (the CLI's client, a parent run, a schedule), so
 * any flow's workflow reads alike in the UI. NeedsAttention starts false, so `NeedsAttention = false` finds the
 * workflows nobody is needed for as well; a step that needs a person turns it on (attention.ts).
 */
import type { SearchAttributePair } from '@temporalio/common';
import { BusinessKeyKey, FlowKey, NeedsAttentionKey, StageKey, TenantKey } from './searchAttributes';

export interface StartMetadata {
  tenant: string;
  flow: string;
  /** What the workflow is about in the source system: a batch id, a Z-report, an invoice number. */
  businessKey?: string;
  stage?: string;
  /** One line beside the workflow in the UI: "Z 3 of department OSL (2026-11-29) · DUELL → 24SevenOffice". */
  summary: string;
  /** "Daily settlement of Z 3": the details' heading. */
  title: string;
  /** "DUELL → 24SevenOffice"; a scheduled run's summary says it already. */
  route?: string;
  /** Facts that stay true for the workflow's whole life (mode, connections, dates); never credentials. */
  facts?: Record<string, string | number | undefined>;
  /** The command that shows the workflow's state in the CLI. */
  inspect?: string;
}

export interface StartOptions {
  typedSearchAttributes: SearchAttributePair[];
  staticSummary: string;
  staticDetails: string;
}

export function startMetadata(m: StartMetadata): StartOptions {
  const attributes: SearchAttributePair[] = [{ key: TenantKey, value: m.tenant }, { key: FlowKey, value: m.flow }];
  if (m.businessKey !== undefined) attributes.push({ key: BusinessKeyKey, value: m.businessKey });
  if (m.stage !== undefined) attributes.push({ key: StageKey, value: m.stage });
  attributes.push({ key: NeedsAttentionKey, value: false });
  const facts = Object.entries(m.facts ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => `- ${k}: ${v}`);
  const details = [`**${m.title}** of tenant **${m.tenant}**${m.route ? ` · ${m.route}` : ''}`];
  if (facts.length > 0) details.push(facts.join('\n'));
  if (m.inspect) details.push(`Inspect: \`${m.inspect}\``);
  return { typedSearchAttributes: attributes, staticSummary: m.summary, staticDetails: details.join('\n\n') };
}
