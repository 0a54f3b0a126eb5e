import type { Metadata } from 'next';
import Link from 'next/link';
import { CircleCheck, Clock, LinkIcon } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { signOutAction } from '@/app/actions/auth';
import { getActor } from '@/app/_lib/session';
import { AuthCard } from '@/components/auth/auth-card';
import { ContinueWithSso } from '@/components/auth/continue-with-sso';
import { InvitationResponse } from '@/components/invite/invitation-response';
import { Button } from '@/components/ui/button';
import { allowInvitationAttempt, getInvitation } from '@/lib/invitations';
import { clientKey } from '@/app/_lib/client-key';
import { oneFullStop } from '@/components/shared/full-stop';
import { ssoOfferForInvitee } from '@/lib/sso/enforce';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('acceptance');
  return { title: t('metaTitle'), referrer: 'no-referrer' };
}

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
  const [t, common, format] = await Promise.all([
    getTranslations('acceptance'),
    getTranslations('common'),
    getFormatter(),
  ]);
  if (!(await allowInvitationAttempt(await clientKey()))) {
    return (
      <AuthCard
        title={t('tooMany.title')}
        description={t('tooMany.description')}
        icon={<Clock className="size-10 text-muted-foreground" aria-hidden="true" />}
      />
    );
  }
  const [invitation, actor] = await Promise.all([getInvitation(token), getActor()]);
  const self = `/invite/${token}`;

  if (invitation.status === 'invalid') {
    return (
      <AuthCard
        title={t('invalid.title')}
        description={t('invalid.description')}
        icon={<LinkIcon className="size-10 text-muted-foreground" aria-hidden="true" />}
      >
        <Button asChild variant="outline">
          <Link href="/">{t('goHome')}</Link>
        </Button>
      </AuthCard>
    );
  }

  const inviter = invitation.inviter.name || invitation.inviter.email || t('someone');
  const organization = invitation.organization.name;
  const date = format.dateTime(invitation.expiresAt, 'longDate');

  if (invitation.status === 'expired') {
    return (
      <AuthCard
        title={t('expired.title')}
        description={t('expired.description', { organization, date, inviter })}
        icon={<Clock className="size-10 text-muted-foreground" aria-hidden="true" />}
      >
        <Button asChild variant="outline">
          <Link href="/">{t('goHome')}</Link>
        </Button>
      </AuthCard>
    );
  }

  if (invitation.status === 'accepted') {
    return (
      <AuthCard
        title={t('accepted.title')}
        description={oneFullStop(t('accepted.description', { organization }))}
        icon={<CircleCheck className="size-10 text-muted-foreground" aria-hidden="true" />}
      >
        <Button asChild>
          <Link href={actor ? '/' : `/login?email=${encodeURIComponent(invitation.email)}`}>
            {actor ? t('accepted.goOrganizations') : t('accepted.signIn')}
          </Link>
        </Button>
      </AuthCard>
    );
  }

  const heading = t('heading', { inviter, organization, role: common(`roles.${invitation.role}`) });
  const description = t('description', { email: invitation.email, date });

  if (actor && actor.email !== invitation.email) {
    return (
      <AuthCard title={heading} description={description} icon={<OrganizationMark name={organization} />}>
        <div role="alert" className="rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
          {t.rich('wrongAccount', {
            invited: invitation.email,
            actor: actor.email,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </div>
        <form action={signOutAction}>
          <input type="hidden" name="redirectTo" value={self} />
          <Button type="submit" className="w-full">
            {common('actions.signOut')}
          </Button>
        </form>
      </AuthCard>
    );
  }

  if (!actor && invitation.accountExists) {
    return (
      <AuthCard title={heading} description={description} icon={<OrganizationMark name={organization} />}>
        <p className="text-center text-sm text-muted-foreground">
          {t('accountExists', { email: invitation.email })}
        </p>
        <Button asChild>
          <Link
            href={`/login?email=${encodeURIComponent(invitation.email)}&callbackUrl=${encodeURIComponent(self)}`}
          >
            {t('signInToAccept')}
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
          {t('ssoContinue', { organization, connection: sso.connectionName })}
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
