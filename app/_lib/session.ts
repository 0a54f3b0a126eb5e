// The signed-in person for pages and server actions, read from the database session on every call.
import 'server-only';
import { cache } from 'react';
import { auth } from '@/app/auth';
import type { Actor } from '@/lib/actor';

/** The acting user, or null when signed out. Deduplicated within one request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { userId: user.id, email: user.email.toLowerCase(), name: user.name ?? null };
});
