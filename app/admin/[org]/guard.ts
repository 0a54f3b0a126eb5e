// The console's guard, run by the layout and again by every page on every request: the membership is
// read from the database each time, so a removed or demoted person is out on their next request.
import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { getActor } from '@/app/_lib/session';
import { findMembershipBySlug } from '@/lib/access';
import { can } from '@/lib/policy';

// Keyed by the slug alone, so that the layout's call and the page's (which also names its path for
// the sign-in redirect) share one membership read per request.
const membershipFor = cache(async (slug: string) => {
  const actor = await getActor();
  if (!actor) return null;
  return { actor, membership: await findMembershipBySlug(actor.userId, slug) };
});

export async function requireConsole(slug: string, path = 'users') {
  const found = await membershipFor(slug);
  if (!found) redirect(`/login?callbackUrl=${encodeURIComponent(`/admin/${slug}/${path}`)}`);
  const { actor, membership } = found;
  if (!membership || !can(membership.role, 'console:access')) forbidden();
  return {
    actor,
    organization: membership.organization,
    role: membership.role,
    ownerCount: membership.ownerCount,
  };
}
