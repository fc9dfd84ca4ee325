import type { Db } from '../db';
import type { SecretBox } from '../db/secrets';
import type { Logger } from '../platform/log';

/** What every activity factory receives: injected, so tests run the real activities against sandboxes. */
export interface ActivityDeps {
  db: Db;
  secrets: SecretBox;
  log: Logger;
}
