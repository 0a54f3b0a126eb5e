// Who is asking, for per-client rate limits: the first address in x-forwarded-for (set by the load
// balancer in front of the app), else x-real-ip, else one shared bucket.
import 'server-only';
import { headers } from 'next/headers';

export async function clientKey(): Promise<string> {
  const list = await headers();
  const forwarded = list.get('x-forwarded-for')?.split(',')[0]?.trim();
  return (forwarded || list.get('x-real-ip') || 'unknown').slice(0, 64);
}
