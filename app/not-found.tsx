import { connection } from 'next/server';
import { DeadEnd } from '@/components/auth/dead-end';

/**
 * Rendered per request (not prerendered at build), so that its scripts carry the request's CSP nonce
 * (proxy.ts) and the page hydrates like every other.
 */
export default async function NotFound() {
  await connection();
  return <DeadEnd kind="notFound" />;
}
