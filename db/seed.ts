// The seed is scripts/seed.ts. This path still answers for what names it: the benchmark imports
// seedOrganization from here, and a test runs this file as `npm run db:seed` used to.
import { seedFromCommandLine } from '@/scripts/seed';

export { seedOrganization, type SeedOptions } from '@/scripts/seed';

if (import.meta.url === `file://${process.argv[1]}`) await seedFromCommandLine();
