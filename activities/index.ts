/** All activities, built from the injected dependencies. */
import type { ActivityDeps } from './deps';
import { createConnectionActivities } from './connections';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createConnectionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
