// The console's guard, run by the layout and again by every page on every request: the membership is
// read from the database each time, so a removed or demoted person is out on their next request.
import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { getActor } from '@/app/_lib/session';
import { findMembershipBySlug } from '@/lib/access';
import { can } from '@/lib/policy';

export const requireConsole = cache(async (slug: string, path = 'users') => {
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/admin/${slug}/${path}`)}`);
  const membership = await findMembershipBySlug(actor.userId, slug);
  if (!membership || !can(membership.role, 'console:access')) forbidden();
  return { actor, organization: membership.organization, role: membership.role };
});
