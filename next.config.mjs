import { PHASE_PRODUCTION_SERVER } from 'next/constants.js';

/**
 * A production server refuses to start without what it needs, and says why, instead of failing on the
 * first request: AUTH_SECRET signs and protects sessions; an email transport must be chosen on purpose
 * (RESEND_API_KEY, or EMAIL_TRANSPORT=mailbox for a local trial, because the development mailbox shows
 * every sign-in link to whoever opens it).
 */
function checkProductionServer() {
  const problems = [];
  if (!process.env.AUTH_SECRET) {
    problems.push('AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.');
  }
  const transport = process.env.EMAIL_TRANSPORT?.trim().toLowerCase();
  if (!process.env.RESEND_API_KEY && transport !== 'mailbox') {
    problems.push(
      'No email transport. Set RESEND_API_KEY to send real email, or EMAIL_TRANSPORT=mailbox for a local trial ' +
        '(the development mailbox shows every sign-in link to anyone who opens /dev/mailbox).',
    );
  }
  if (problems.length > 0) {
    console.error(`\nAI Hub cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    process.exit(1);
  }
}

/** @type {(phase: string) => import('next').NextConfig} */
export default function config(phase) {
  if (phase === PHASE_PRODUCTION_SERVER) checkProductionServer();
  return {
    // Lets two builds (say, the browser suite and the benchmark) live side by side.
    distDir: process.env.NEXT_DIST_DIR || '.next',
    // PGlite loads its WASM and data files from paths relative to its own module: bundling breaks them.
    serverExternalPackages: ['@electric-sql/pglite'],
    poweredByHeader: false,
    // `next dev` opened on 127.0.0.1 would otherwise block its own dev resources.
    allowedDevOrigins: ['127.0.0.1', 'localhost'],
    // forbidden() and app/forbidden.tsx: a real 403 for people outside the console.
    experimental: { authInterrupts: true },
  };
}
