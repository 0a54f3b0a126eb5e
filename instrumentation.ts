// Runs once when a Next.js server starts (`next dev`, `next start`). It records each request's connection
// address for the development mailbox's gate (lib/http/peer-address.ts), starts the job queue, and, when
// the lookup of verified domains asks the development resolver (DNS_SERVERS=development, or unset outside
// production), starts that resolver, and outside production the development OpenID provider, so that a
// newcomer's `npm run dev` needs no second process (lib/jobs, lib/domains/development-resolver.ts,
// lib/sso/development/start.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { recordPeerAddresses } = await import('./lib/http/peer-address');
  recordPeerAddresses();
  const { startJobsInServer } = await import('./lib/jobs');
  startJobsInServer();
  const { isDevelopmentResolverActive, developmentOidcPort } = await import('./lib/config');
  if (isDevelopmentResolverActive()) {
    const { startDevelopmentResolver } = await import('./lib/domains/development-resolver');
    startDevelopmentResolver().catch((error: unknown) => {
      console.error(
        '[dns] the development resolver did not start; Verify will say it could not check',
        error,
      );
    });
  }
  if (developmentOidcPort() !== null) {
    const { startDevelopmentOidcInServer } = await import('./lib/sso/development/start');
    startDevelopmentOidcInServer()?.catch((error: unknown) => {
      console.error(
        '[sso] the development OpenID provider did not start (is DEVELOPMENT_OIDC_PORT in use?)',
        error,
      );
    });
  }
}
