// `npm run worker`: works the app's job queue (lib/jobs) in a process of its own, for deployments that
// keep it apart from the web servers (set EMAIL_WORKER=off on those). Any number of workers and servers
// may share one PostgreSQL database: pg-boss hands each job to one of them. Stops on SIGINT or SIGTERM,
// letting running jobs finish.
import { getDatabaseHandle } from '@/db/client';
import { startJobs, stopBoss } from '@/lib/jobs';
import { setting, startupProblems, startupRefusal } from '@/lib/config/settings.mjs';

async function main() {
  // The same refusal as `next start` and `npm run dev` (next.config.mjs): every malformed variable, named.
  const problems = startupProblems(process.env);
  if (problems.length > 0) {
    console.error(startupRefusal(problems));
    process.exit(1);
  }
  if (!setting('DATABASE_URL')) {
    console.error(
      'npm run worker needs DATABASE_URL (a PostgreSQL server). The embedded database belongs to one ' +
        'process, the web server (`npm run dev`), which works the jobs itself.',
    );
    process.exit(1);
  }
  await startJobs({ work: true });
  console.log('[worker] working the job queue; Ctrl-C to stop');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopBoss();
    await (await getDatabaseHandle()).close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error('[worker] could not start', error);
  process.exit(1);
});
