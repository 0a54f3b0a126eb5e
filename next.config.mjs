import createNextIntlPlugin from 'next-intl/plugin';
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from 'next/constants.js';
import { startupProblems, startupRefusal } from './lib/config/settings.mjs';

/**
 * A server refuses to start, and says why, instead of failing on the first request or quietly taking a
 * default. Every variable must be well formed (`next dev` and `next start`: lib/config/settings.mjs, the one
 * schema the app reads them by). A production server also needs what it cannot do without
 * (lib/config/deployment.mjs): AUTH_SECRET signs and protects sessions; the public URL (APP_URL) is where every
 * emailed link points, never the request's Host; an email transport must be chosen on purpose, and the
 * development mailbox, which shows every sign-in link to whoever opens it, only on a loopback public URL.
 * @param {{ production: boolean }} options
 */
function refuseToStartIfMisconfigured({ production }) {
  const problems = startupProblems(process.env, { production });
  if (problems.length > 0) {
    console.error(startupRefusal(problems));
    process.exit(1);
  }
}

/**
 * Hosts (besides the app's own) from which the browser may call server actions: Next refuses a server
 * action whose Origin differs from its Host (cross-site request forgery) unless the origin is listed
 * here. SERVER_ACTIONS_ALLOWED_ORIGINS is comma-separated; full URLs are reduced to their host, and
 * `*.example.com` patterns are passed through. Needed only when a proxy rewrites Host.
 */
export function allowedActionOrigins(value = process.env.SERVER_ACTIONS_ALLOWED_ORIGINS) {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (!entry.includes('://')) return entry.replace(/\/+$/, '');
      try {
        return new URL(entry).host;
      } catch {
        return entry;
      }
    });
}

/**
 * Security headers of every response. The Content-Security-Policy itself is set per request by
 * proxy.ts (it carries a fresh nonce); see SECURITY.md.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  },
  // Browsers honour it only over https, so it is harmless on a local http server.
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
];

/** Messages in the reader's language (next-intl without locale routing: URLs never carry the language). */
const withNextIntl = createNextIntlPlugin('./app/_lib/i18n-request.ts');

/** @type {(phase: string) => import('next').NextConfig} */
export default function config(phase) {
  return withNextIntl(appConfig(phase));
}

/** @type {(phase: string) => import('next').NextConfig} */
function appConfig(phase) {
  if (phase === PHASE_PRODUCTION_SERVER) refuseToStartIfMisconfigured({ production: true });
  if (phase === PHASE_DEVELOPMENT_SERVER) refuseToStartIfMisconfigured({ production: false });
  return {
    // Lets two builds (say, the browser suite and the benchmark) live side by side.
    distDir: process.env.NEXT_DIST_DIR || '.next',
    // PGlite loads its WASM and data files from paths relative to its own module: bundling breaks them.
    // oidc-provider (the development OpenID provider, lib/sso/development) is a Koa app for Node as it is.
    serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'oidc-provider'],
    poweredByHeader: false,
    // `next dev` opened on 127.0.0.1 would otherwise block its own dev resources.
    allowedDevOrigins: ['127.0.0.1', 'localhost'],
    experimental: {
      // forbidden() and app/forbidden.tsx: a real 403 for people outside the console.
      authInterrupts: true,
      // A server action's body may hold an identity provider's SAML metadata file, up to 1 MB
      // (lib/shared/limits.ts MAX_SAML_METADATA_BYTES) with the rest of its form: Next's default limit
      // is 1 MB in all.
      serverActions: { allowedOrigins: allowedActionOrigins(), bodySizeLimit: '2mb' },
    },
    async headers() {
      return [
        { source: '/:path*', headers: securityHeaders },
        // The invitation link holds its secret in the path: never send it on, not even to this site.
        { source: '/invite/:path*', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
      ];
    },
  };
}
