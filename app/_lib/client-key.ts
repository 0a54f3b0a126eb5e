// Who is asking, for per-client rate limits: the address the nearest trusted proxy put into
// X-Forwarded-For (see lib/http/client-address.ts and TRUSTED_PROXY_HOPS); `next start` sets the header to
// the socket's address when no proxy did.
import 'server-only';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';

export async function clientKey(): Promise<string> {
  const list = await headers();
  return clientAddress(list.get('x-forwarded-for'), list.get('x-real-ip'));
}
