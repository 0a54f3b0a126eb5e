// `npm run bench:languages [-- --skip-build]`: the users page of an organization of 10,000 members (+1,000
// invitations) in Korean and in Japanese against English (issue 18: server time and HTML weight within
// 5%), on its own: one database of its own on the real PostgreSQL (as `npm run bench`), one `next start`,
// the Owner signed in through the magic link, 200 views in each language (bench/languages.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { config, flags, log, logDir, runBench } from './config';
import { adminUrl, createDatabase, seed } from './database';
import { languageRows, measureLanguages } from './languages';
import { formatTable } from './report';
import { build, buildIsFresh, startServer } from './server';
import { signIn } from './sign-in';

async function main() {
  fs.mkdirSync(logDir, { recursive: true });
  if (!flags['skip-build'] && !buildIsFresh()) {
    log('next build …');
    build(path.join(logDir, 'build.log'));
  }
  const database = await createDatabase(adminUrl());
  try {
    const seeding = await openPostgres(database.url, { migrate: true, max: 4 });
    const org = await seed(seeding.db, 'Large', config.large, 'large.bench.test').finally(async () => {
      await seeding.db.execute(sql`VACUUM ANALYZE`);
      await seeding.close();
    });
    log(`seeded ${org.rows} rows`);
    const server = await startServer({
      databaseUrl: database.url,
      authSecret: randomBytes(32).toString('base64'),
      logFile: path.join(logDir, 'server-languages.log'),
    });
    try {
      const cookie = await signIn(server.url, org.owner.email, `/admin/${org.slug}/users`);
      const result = await measureLanguages(server, cookie, org, 200);
      console.log(
        `\n${formatTable(languageRows(result, config.large.members), { small: 'English', large: 'language' })}\n`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop().catch((error) => log(`could not drop ${database.name}: ${error}`));
  }
}

runBench(main);
