// Runs before every page request (Next 16's proxy, on Node): gives each response a Content-Security-
// Policy with a fresh nonce. Next reads the nonce from the request's policy and puts it on every script
// it renders, so only the app's own scripts run; 'strict-dynamic' lets them load their chunks. Styles
// keep 'unsafe-inline' (React style attributes, Radix, sonner, and the inline styles of the emails
// shown in /dev/mailbox cannot carry a nonce). Production only: `next dev` needs eval and its own
// websocket. The other security headers come from next.config.mjs. Why a nonce: SECURITY.md.
import { NextResponse, type NextRequest } from 'next/server';
import { publicUrl } from '@/lib/config';

export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

export function proxy(request: NextRequest) {
  if (process.env.NODE_ENV !== 'production') return NextResponse.next();
  const nonce = newNonce();
  const https = publicUrl().startsWith('https://') || request.nextUrl.protocol === 'https:';
  const policy = contentSecurityPolicy(nonce, https);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  requestHeaders.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages and server actions; not the static files, the image optimizer or the Auth.js routes.
      source: '/((?!_next/static|_next/image|api/|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
