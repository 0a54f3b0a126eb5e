// Runs once when a Next.js server starts (`next dev`, `next start`). The job queue starts inside it, so
// that a newcomer's `npm run dev` needs no second process (lib/jobs).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startJobsInServer } = await import('./lib/jobs');
  startJobsInServer();
}
