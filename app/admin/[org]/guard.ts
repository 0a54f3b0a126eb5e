// The console's guard, run by the layout and again by every page on every request: the membership is
// read from the database each time, so a removed or demoted person is out on their next request.
import 'server-only';
import { cache } from 'react';
import { after } from 'next/server';
import { forbidden, redirect } from 'next/navigation';
import { getActor } from '@/app/_lib/session';
import { findMembershipBySlug } from '@/lib/access';
import { now } from '@/lib/clock';
import { visitWrite } from '@/lib/members/last-active';
import { can } from '@/lib/shared/permissions';

// Keyed by the slug alone, so that the layout's call and the page's (which also names its path for
// the sign-in redirect) share one membership read per request.
const membershipFor = cache(async (slug: string) => {
  const actor = await getActor();
  if (!actor) return null;
  const membership = await findMembershipBySlug(actor.userId, slug);
  // A console view is a use of AI Hub in the organization: recorded once an hour at most, after the
  // response, and only when due (no statement otherwise: the read above carries the time).
  const write = membership ? visitWrite(membership, now()) : null;
  if (write) after(write);
  return { actor, membership };
});

/** A console page's title, "Users · Acme" (the root layout adds " · AI Hub"), from the guarded read. */
export async function consoleTitle(slug: string, page: string, path: string): Promise<{ title: string }> {
  const { organization } = await requireConsole(slug, path);
  return { title: `${page} · ${organization.name}` };
}

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
    joinRequestsPending: membership.joinRequestsPending,
    hasCountingDomain: membership.hasCountingDomain,
  };
}
