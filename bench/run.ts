// `npm run bench [-- --quick] [-- --skip-build | --build]`: the scale benchmark (issue 4).
//
// Against a real PostgreSQL (BENCH_DATABASE_URL, else DATABASE_URL, else postgres://root@127.0.0.1:5432/
// postgres as the admin URL) it makes a database of its own, seeds a large organization (10,000 members
// + 1,000 invitations) and a small one (100 members + 10 invitations) with scripts/seed.ts, builds the app,
// and starts one `next start` per size on 127.0.0.1 behind a counting PostgreSQL proxy, signs each
// Owner in through the real magic-link flow and loads the users page and the signed-in home page (the
// control) with autocannon, the two sizes in turn (bench/pages.ts). Then, in this process, it times bulk
// role changes and removals of 1,000 members through lib/members beside one bare UPDATE of the same
// rows, a directory group's GET without members at 10 and 10,000 members and a PATCH of 1,000 members
// (bench/groups.ts), and an invitation of 100 addresses through lib/invitations against a fake email API
// (bench/in-process.ts), and exports each organization's list as CSV from one server (bench/export.ts).
// It prints one table (bench/report.ts), writes the raw figures to
// .bench/<timestamp>.json, drops its database, and exits non-zero only when it could not run (a missed
// target is reported, not an error).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { root } from '../tests/support/next-server';
import { config, CouldNotRun, flags, log, logDir, outDir, quick, runBench, stamp } from './config';
import { adminUrl, createDatabase, redact, seed, viaProxy, type SeededOrg } from './database';
import { measureDrain } from './drain';
import { groupRows, measureGroups } from './groups';
import { languageRows } from './languages';
import { measureBulk, measureInvite } from './in-process';
import { startProxyProcess, type ProxyClient } from './measure';
import { measurePages } from './pages';
import { buildRows, formatTable } from './report';
import { build, buildIsFresh, hasBuild } from './server';

async function main() {
  fs.mkdirSync(logDir, { recursive: true });
  const started = Date.now();
  const admin = adminUrl();
  log(
    `${quick ? 'quick' : 'full'} run; PostgreSQL admin URL ${redact(admin)}; logs in ${path.relative(root, logDir)}/`,
  );
  const [busy] = os.loadavg();
  if (busy > os.cpus().length / 2) {
    log(
      `note: the machine is busy before the run (load average ${busy.toFixed(1)} on ${os.cpus().length} cores): ` +
        `req/s will suffer from the other processes; "server CPU per answer" much less`,
    );
  }

  // 1. The build.
  let buildMs: number | null = null;
  const skip = flags['skip-build'] || process.env.BENCH_SKIP_BUILD === '1';
  if (flags.build || (!skip && !(quick && buildIsFresh()))) {
    log('next build …');
    try {
      buildMs = build(path.join(logDir, 'build.log'));
    } catch (error) {
      throw new CouldNotRun((error as Error).message);
    }
    log(`next build done in ${(buildMs / 1000).toFixed(0)} s`);
  } else if (!hasBuild()) {
    throw new CouldNotRun(
      'No production build in .next (--skip-build was given): run `npm run build` or drop the flag',
    );
  } else {
    log(
      `reusing the build in .next (${buildIsFresh() ? 'newer than every source file' : 'older than some source files: --skip-build'})`,
    );
  }

  // A run that stops making progress (a server killed from outside left one wait with nothing to end it,
  // on a loaded machine) must not hold CI until its limit: past this, give up and say so. Servers started
  // by the run die with it (tests/support/next-server.ts).
  const limitMinutes = quick ? 15 : 60;
  setTimeout(() => {
    process.stderr.write(
      `\n[bench] could not run: no result after ${limitMinutes} minutes; the log above shows the last step\n`,
    );
    process.exit(1);
  }, limitMinutes * 60_000).unref();

  // 2. The database.
  const database = await createDatabase(admin);
  log(`database ${database.name} on PostgreSQL ${database.version}`);
  let proxy: ProxyClient | undefined;
  try {
    const seedStarted = Date.now();
    const seeding = await openPostgres(database.url, { migrate: true, max: 4 });
    let small: SeededOrg;
    let large: SeededOrg;
    try {
      small = await seed(seeding.db, 'Small', config.small, 'small.bench.test');
      large = await seed(seeding.db, 'Large', config.large, 'large.bench.test');
      // What autovacuum would have done on a live database by now (statistics, visibility map).
      await seeding.db.execute(sql`VACUUM ANALYZE`);
    } finally {
      await seeding.close();
    }
    const seedMs = Date.now() - seedStarted;
    log(`seeded in ${(seedMs / 1000).toFixed(1)} s: ${small.rows} and ${large.rows} rows in the user tables`);

    const target = new URL(database.url);
    proxy = await startProxyProcess({ host: target.hostname, port: Number(target.port || 5432) });
    const proxyUrl = viaProxy(database.url, proxy.port);
    log(
      `counting proxy (pid ${proxy.pid}) on 127.0.0.1:${proxy.port} → ${target.hostname}:${target.port || 5432}`,
    );

    // 3. The pages.
    const {
      small: smallResult,
      large: largeResult,
      exports,
      scim,
      languages,
    } = await measurePages(small, large, database.url, proxy);

    // 4. Bulk operations and invitations.
    log(`bulk operations on ${config.bulkSize} members …`);
    const bulk = await measureBulk(database.url, proxyUrl, proxy, large);
    log(
      `role change ${bulk.change.domainMedianMs.toFixed(1)} ms (bare UPDATE ${bulk.change.bareMedianMs.toFixed(1)} ms), ` +
        `removal ${bulk.removal.domainMedianMs.toFixed(1)} ms (bare UPDATE ${bulk.removal.bareMedianMs.toFixed(1)} ms)`,
    );
    log(`inviting ${config.inviteSize} addresses …`);
    const invites = {
      small: await measureInvite(database.url, proxyUrl, proxy, small),
      large: await measureInvite(database.url, proxyUrl, proxy, large),
    };

    log(`draining ${config.drainSize.toLocaleString('en-US')} queued emails …`);
    const drain = await measureDrain(database.url, small);
    log(
      `drained in ${(drain.worker.ms / 1000).toFixed(1)} s with ${drain.worker.calls} API calls (bare loop ${(drain.bare.ms / 1000).toFixed(1)} s)`,
    );

    // Last: its 11,000 members would change what the steps before it measure of the large organization.
    log('directory groups: a GET without members at 10 and 10,000 members, a PATCH of 1,000 …');
    const groups = await measureGroups(database.url, proxyUrl, proxy, large);

    const table = [
      ...buildRows(smallResult, largeResult, bulk, invites, drain, exports, scim),
      ...groupRows(groups),
      ...languageRows(languages, large.members),
    ];
    const sizeLabel = (o: { members: number; invitations: number }) =>
      `${o.members.toLocaleString('en-US')} (+${o.invitations.toLocaleString('en-US')})`;
    const printed = formatTable(table, {
      small: `at ${sizeLabel(config.small)}`,
      large: `at ${sizeLabel(config.large)}`,
    });
    process.stdout.write(`\n${printed}\n`);
    const missed = table.filter((row) => 'figure' in row && row.met === false);
    process.stdout.write(
      `\nStatements are counted at the PostgreSQL wire by a proxy: one per Execute or simple Query message, ` +
        `BEGIN/COMMIT included (a page view opens no transaction). Bulk and invitation statements: drizzle's ` +
        `logger, which does not see BEGIN/COMMIT; the "tx" figure is what the wire adds.\n` +
        `${missed.length === 0 ? 'Every target is met.' : `Targets missed: ${missed.length}.`}\n`,
    );

    const file = path.join(outDir, `${stamp}${quick ? '-quick' : ''}.json`);
    const raw = {
      kind: quick ? 'quick' : 'full',
      startedAt: new Date(started).toISOString(),
      durationS: (Date.now() - started) / 1000,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryBytes: os.totalmem(),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
      },
      postgres: { version: database.version, database: database.name },
      config,
      buildMs,
      seedMs,
      small: smallResult,
      large: largeResult,
      bulk,
      invites,
      drain,
      exports,
      scim,
      groups,
      languages,
      table,
    };
    fs.writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
    log(
      `raw figures in ${path.relative(root, file)}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
    );
  } finally {
    await proxy?.close();
    await database.drop().catch((error) => log(`could not drop ${database.name}: ${error}`));
  }
}

runBench(main);
