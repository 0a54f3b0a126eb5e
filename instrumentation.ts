// Runs once when a Next.js server starts (`next dev`, `next start`). It records each request's connection
// address for the development mailbox's gate (lib/http/peer-address.ts), starts the job queue, and, when
// the lookup of verified domains asks the development resolver (DNS_SERVERS=development, or unset outside
// production), starts that resolver, so that a newcomer's `npm run dev` needs no second process
// (lib/jobs, lib/domains/development-resolver.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { recordPeerAddresses } = await import('./lib/http/peer-address');
  recordPeerAddresses();
  const { startJobsInServer } = await import('./lib/jobs');
  startJobsInServer();
  const { isDevelopmentResolverActive } = await import('./lib/config');
  if (isDevelopmentResolverActive()) {
    const { startDevelopmentResolver } = await import('./lib/domains/development-resolver');
    startDevelopmentResolver().catch((error: unknown) => {
      console.error(
        '[dns] the development resolver did not start; Verify will say it could not check',
        error,
      );
    });
  }
}
