// `npm run db:migrate`: applies db/migrations to DATABASE_URL (or to the embedded database folder).
import { openFromEnvironment, openPostgres } from './client';

const url = process.env.DATABASE_URL;
const handle = url ? await openPostgres(url, { max: 1, migrate: true }) : await openFromEnvironment();
console.log(`Migrations applied (${handle.driver}).`);
await handle.close();
