/**
 * The typed search attributes every ledgerbridge workflow carries, so operators can filter the Temporal UI by
 * tenant, flow, business key, stage and "needs attention". Never secrets: search attributes are not encrypted.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TenantKey = defineSearchAttributeKey('Tenant', SearchAttributeType.KEYWORD);
export const FlowKey = defineSearchAttributeKey('Flow', SearchAttributeType.KEYWORD);
export const BusinessKeyKey = defineSearchAttributeKey('BusinessKey', SearchAttributeType.KEYWORD);
export const StageKey = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
export const NeedsAttentionKey = defineSearchAttributeKey('NeedsAttention', SearchAttributeType.BOOL);

export const searchAttributeKeys = [TenantKey, FlowKey, BusinessKeyKey, StageKey, NeedsAttentionKey];

/** `Name=Type` pairs as `temporal server start-dev --search-attribute` takes them. */
export const searchAttributeFlags: string[] = searchAttributeKeys.map(
  (k) => `${k.name}=${k.type === SearchAttributeType.BOOL ? 'Bool' : 'Keyword'}`,
);
