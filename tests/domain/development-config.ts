// What the DNS_SERVERS tests read of the configuration, in one place.
import { startupProblems } from '@/lib/config/settings.mjs';

export { dnsResolverChoice, isDevelopmentResolverActive } from '@/lib/config';

export function startupProblemsFor(env: Record<string, string>): string[] {
  return startupProblems(env, { production: true });
}
