// Runs once when a Next.js server starts (`next dev`, `next start`). It records each request's connection
// address for the development mailbox's gate (lib/http/peer-address.ts), and starts the job queue, so
// that a newcomer's `npm run dev` needs no second process (lib/jobs).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { recordPeerAddresses } = await import('./lib/http/peer-address');
  recordPeerAddresses();
  const { startJobsInServer } = await import('./lib/jobs');
  startJobsInServer();
}
