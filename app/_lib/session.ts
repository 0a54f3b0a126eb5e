// The signed-in person for pages and server actions, read from the database session on every call.
import 'server-only';
import { cache } from 'react';
import { auth } from '@/app/auth';
import { person, type PersonActor } from '@/lib/shared/actor';

/** The request's session (one read of the database, whoever asks). */
const getSession = cache(() => auth());

/** The acting user, or null when signed out. Deduplicated within one request. */
export const getActor = cache(async (): Promise<PersonActor | null> => {
  const session = await getSession();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return person({ userId: user.id, email: user.email.toLowerCase(), name: user.name ?? null });
});

/** The language the signed-in person chose on their account, or null (signed out, or no choice). */
export async function getAccountLocale(): Promise<string | null> {
  const session = await getSession();
  return (session?.user as { locale?: string | null } | undefined)?.locale ?? null;
}
