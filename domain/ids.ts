/** Branded ids and the business workflow ids (`<tenant>/<flow>/<key>`) that make a second start a no-op. */
export type TenantId = string & { readonly __tenant: unique symbol };
export type ConnectionId = string & { readonly __connection: unique symbol };

const TENANT = /^[a-z0-9][a-z0-9-]{1,39}$/;

export function tenantId(value: string): TenantId {
  if (!TENANT.test(value)) {
    throw new Error(`"${value}" is not a tenant id: use 2–40 lower-case letters, digits and dashes, e.g. acme-as`);
  }
  return value as TenantId;
}

export type Flow = 'connection-check' | 'batch' | 'settlement' | 'invoice-transfer' | 'po-matching' | 'inventory-sync';

export function workflowId(tenant: string, flow: Flow, key: string): string {
  return `${tenant}/${flow}/${key}`;
}
