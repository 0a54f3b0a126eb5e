import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from the schema here; migrations are applied by db/migrate.ts through the
// app's own client, so the same files serve PGlite and PostgreSQL and drizzle-kit never opens .data/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
