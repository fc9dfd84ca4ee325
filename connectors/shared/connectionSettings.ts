/**
 * The settings every HTTP connector's connection takes besides its own: how long a call may take, how large an
 * answer may be, and the connection's request budget. Spread into each connector's settings schema.
 */
import { z } from 'zod';
import { requestBudgetSetting } from './requestLimits';

export const httpConnectionSettings = {
  timeoutMs: z.number().int().positive().optional(),
  /** Bound on one response body; default 20 MB (connectors/shared/http.ts). */
  maxResponseBytes: z.number().int().positive().optional(),
  /** Overrides of the tenant's request budget for this system (connectors/shared/requestLimits.ts). */
  budget: requestBudgetSetting.optional(),
};
