/** drizzle-kit reads this for `npm run db:generate`: it diffs db/schema.ts against db/migrations/ and writes the next migration. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
