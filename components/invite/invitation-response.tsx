'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import {
  acceptInvitationAction,
  acceptInvitationAsNewUserAction,
  declineInvitationAction,
} from '@/app/actions/invitations';
import { useCallAction } from '@/components/shared/call-action';
import type { ActionResult } from '@/app/actions/result';
import { AuthCard } from '@/components/auth/auth-card';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { oneFullStop } from '@/components/shared/full-stop';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { AcceptResult } from '@/lib/invitations';
import { MAX_PERSON_NAME } from '@/lib/shared/limits';
import { noticeQuery } from '@/lib/shared/notices';

/**
 * The acceptance page's card with `Accept` and `Decline`. Signed in as the invited address: Accept joins.
 * Signed out with no account yet: Accept creates the account, signs in and joins in one step. Decline
 * asks first (it cannot be undone from here), and the card then says so, without the link's expiry.
 */
export function InvitationResponse({
  token,
  mode,
  organizationName,
  title,
  description,
  icon,
}: {
  token: string;
  mode: 'signed-in' | 'new-account';
  organizationName: string;
  title: React.ReactNode;
  description: React.ReactNode;
  icon: React.ReactNode;
}) {
  const router = useRouter();
  const t = useTranslations('acceptance.response');
  const named = { organization: organizationName };
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  const [choice, setChoice] = useState<'accept' | 'decline' | null>(null);
  const [confirmDecline, setConfirmDecline] = useState(false);

  function finish(result: ActionResult<AcceptResult>) {
    if (!result.ok) {
      setError(result.error.message);
      toast.error(result.error.message);
      router.refresh();
      return;
    }
    const { organization, role, outcome } = result.data;
    // The console page names its own organization; the home page looks the slug up among yours.
    const code = outcome === 'accepted' ? 'joined' : 'joined-already';
    router.push(
      role === 'member'
        ? `/?${noticeQuery(code, organization.slug)}`
        : `/admin/${organization.slug}/users?${noticeQuery(code)}`,
    );
    router.refresh();
  }

  function accept() {
    setChoice('accept');
    startTransition(async () => {
      finish(
        mode === 'signed-in'
          ? await call(() => acceptInvitationAction({ token }))
          : await call(() => acceptInvitationAsNewUserAction({ token, name: name.trim() || undefined })),
      );
    });
  }

  function decline() {
    setChoice('decline');
    startTransition(async () => {
      const result = await call(() => declineInvitationAction({ token }));
      if (!result.ok) {
        setError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      setConfirmDecline(false);
      setDeclined(true);
      toast.success(oneFullStop(t('declined', named)));
    });
  }

  if (declined) {
    return (
      <AuthCard title={oneFullStop(t('declined', named))} icon={icon}>
        <p role="status" className="text-center text-sm text-muted-foreground">
          {t('declinedBody')}
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={title} description={description} icon={icon}>
      <div className="grid gap-4">
        {mode === 'new-account' ? (
          <div className="grid gap-2">
            <Label htmlFor="invite-name">{t('name')}</Label>
            <Input
              id="invite-name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={MAX_PERSON_NAME}
              autoComplete="name"
            />
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <div className="grid gap-2 sm:grid-cols-2">
          <ConfirmDialog
            open={confirmDecline}
            onOpenChange={(next) => {
              if (!pending) setConfirmDecline(next);
            }}
            trigger={
              <Button variant="outline" disabled={pending}>
                {t('decline')}
              </Button>
            }
            title={t('declineTitle', named)}
            description={t('declineDescription')}
            confirmLabel={t('decline')}
            variant="destructive"
            pending={pending && choice === 'decline'}
            error={choice === 'decline' ? error : null}
            onConfirm={decline}
          />
          <Button onClick={accept} disabled={pending} className="sm:order-last">
            {pending && choice === 'accept' ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            {t('accept')}
          </Button>
        </div>
        {mode === 'new-account' ? (
          <p className="text-center text-xs text-muted-foreground">{t('newAccount')}</p>
        ) : null}
      </div>
    </AuthCard>
  );
}
