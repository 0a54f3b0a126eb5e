import { LogOut } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { signOutAction } from '@/app/actions/auth';
import { Button } from '@/components/ui/button';

/** Who is signed in, and the way out. */
export function UserMenu({ email, name }: { email: string; name?: string | null }) {
  const t = useTranslations('common.actions');
  return (
    <div className="flex min-w-0 items-center gap-3">
      <div className="min-w-0 text-right text-sm leading-tight">
        {name ? <div className="truncate font-medium">{name}</div> : null}
        <div className="truncate text-muted-foreground">{email}</div>
      </div>
      <form action={signOutAction}>
        <Button type="submit" variant="outline" size="sm">
          <LogOut aria-hidden="true" />
          {t('signOut')}
        </Button>
      </form>
    </div>
  );
}
