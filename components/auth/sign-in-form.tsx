'use client';

import { useActionState } from 'react';
import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { signInWithEmailAction, type SignInState } from '@/app/actions/auth';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

/**
 * The login page's one form: the address first (DESIGN §11). Its domain decides the way in
 * (signInWithEmailAction): its organization's identity provider, or an emailed link.
 */
export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl?: string; defaultEmail?: string }) {
  const t = useTranslations('auth.form');
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithEmailAction, {
    email: defaultEmail,
  });
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div className="grid gap-2">
        <Label htmlFor="email">{t('email')}</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          placeholder={t('placeholder')}
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'email-error' : undefined}
          required
          autoFocus
        />
        {state.error ? (
          <p id="email-error" role="alert" className="text-sm text-destructive">
            {state.error}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
        {t('submit')}
      </Button>
      {/* An address at a domain with single sign-on goes to its identity provider; this keeps the
          emailed link for those whose organization does not require SSO, and its break-glass Owners. */}
      <Button
        type="submit"
        name="method"
        value="email"
        variant="link"
        size="sm"
        className="justify-self-center text-muted-foreground"
        disabled={pending}
      >
        {t('emailLink')}
      </Button>
    </form>
  );
}
