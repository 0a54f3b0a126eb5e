import type { Metadata } from 'next';
import Link from 'next/link';
import { CircleCheck, Clock, LinkIcon } from 'lucide-react';
import { signOutAction } from '@/app/actions/auth';
import { getActor } from '@/app/_lib/session';
import { AuthCard } from '@/components/auth/auth-card';
import { ContinueWithSso } from '@/components/auth/continue-with-sso';
import { InvitationResponse } from '@/components/invite/invitation-response';
import { Button } from '@/components/ui/button';
import { allowInvitationAttempt, getInvitation } from '@/lib/invitations';
import { clientKey } from '@/app/_lib/client-key';
import { roleLabels } from '@/lib/shared/roles';
import { formatLongDate } from '@/lib/shared/format';
import { endSentence } from '@/lib/shared/text';
import { ssoOfferForInvitee } from '@/lib/sso/enforce';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

function OrganizationMark({ name }: { name: string }) {
  return (
    <span
      className="flex size-12 items-center justify-center rounded-xl bg-primary text-xl font-semibold text-primary-foreground uppercase"
      aria-hidden="true"
    >
      {name.slice(0, 1)}
    </span>
  );
}

/** The invitation acceptance page: every state of the link gets its own clear card, never a crash. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await allowInvitationAttempt(await clientKey()))) {
    return (
      <AuthCard
        title="Too many attempts"
        description="This device has opened too many invitation links in a short time. Wait a minute, then open your link again."
        icon={<Clock className="size-10 text-muted-foreground" aria-hidden="true" />}
      />
    );
  }
  const [invitation, actor] = await Promise.all([getInvitation(token), getActor()]);
  const self = `/invite/${token}`;

  if (invitation.status === 'invalid') {
    return (
      <AuthCard
        title="This invitation link is not valid"
        description="It may have been revoked, or replaced by a newer invitation. Ask an admin of the organization to send you a new one."
        icon={<LinkIcon className="size-10 text-muted-foreground" aria-hidden="true" />}
      >
        <Button asChild variant="outline">
          <Link href="/">Go to AI Hub</Link>
        </Button>
      </AuthCard>
    );
  }

  const inviter = invitation.inviter.name || invitation.inviter.email || 'Someone';
  const organization = invitation.organization.name;

  if (invitation.status === 'expired') {
    return (
      <AuthCard
        title="This invitation has expired"
        description={`Your invitation to join ${organization} expired on ${formatLongDate(invitation.expiresAt)}. Ask ${inviter} or another admin of ${organization} to send you a new one.`}
        icon={<Clock className="size-10 text-muted-foreground" aria-hidden="true" />}
      >
        <Button asChild variant="outline">
          <Link href="/">Go to AI Hub</Link>
        </Button>
      </AuthCard>
    );
  }

  if (invitation.status === 'accepted') {
    return (
      <AuthCard
        title="This invitation has already been accepted"
        description={endSentence(`You can sign in to AI Hub to use ${organization}`)}
        icon={<CircleCheck className="size-10 text-muted-foreground" aria-hidden="true" />}
      >
        <Button asChild>
          <Link href={actor ? '/' : `/login?email=${encodeURIComponent(invitation.email)}`}>
            {actor ? 'Go to your organizations' : 'Sign in'}
          </Link>
        </Button>
      </AuthCard>
    );
  }

  const heading = (
    <>
      {inviter} invited you to join {organization} on AI Hub as {roleLabels[invitation.role]}
    </>
  );
  const description = `The invitation was sent to ${invitation.email} and expires on ${formatLongDate(invitation.expiresAt)}.`;

  if (actor && actor.email !== invitation.email) {
    return (
      <AuthCard title={heading} description={description} icon={<OrganizationMark name={organization} />}>
        <div role="alert" className="rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
          This invitation is for <strong>{invitation.email}</strong>, but you are signed in as{' '}
          <strong>{actor.email}</strong>. Sign out and open the link again as {invitation.email} to accept it.
        </div>
        <form action={signOutAction}>
          <input type="hidden" name="redirectTo" value={self} />
          <Button type="submit" className="w-full">
            Sign out
          </Button>
        </form>
      </AuthCard>
    );
  }

  if (!actor && invitation.accountExists) {
    return (
      <AuthCard title={heading} description={description} icon={<OrganizationMark name={organization} />}>
        <p className="text-center text-sm text-muted-foreground">
          {invitation.email} already has an AI Hub account. Sign in to accept; you will come back here.
        </p>
        <Button asChild>
          <Link
            href={`/login?email=${encodeURIComponent(invitation.email)}&callbackUrl=${encodeURIComponent(self)}`}
          >
            Sign in to accept
          </Link>
        </Button>
      </AuthCard>
    );
  }

  // Under Require SSO the emailed invitation opens no account: the provider's sign-in does (lib/sso/enforce.ts).
  const sso = actor ? null : await ssoOfferForInvitee(invitation.email);
  if (sso) {
    return (
      <AuthCard title={heading} description={description} icon={<OrganizationMark name={organization} />}>
        <p className="text-center text-sm [overflow-wrap:anywhere] text-muted-foreground">
          {organization} signs in through {sso.connectionName}. Continue there to accept; you will come back
          here.
        </p>
        <ContinueWithSso
          connectionId={sso.connectionId}
          connectionName={sso.connectionName}
          callbackUrl={self}
        />
      </AuthCard>
    );
  }

  // The card is the response's own: once declined it says so, without the link's expiry.
  return (
    <InvitationResponse
      token={token}
      mode={actor ? 'signed-in' : 'new-account'}
      organizationName={organization}
      title={heading}
      description={description}
      icon={<OrganizationMark name={organization} />}
    />
  );
}
