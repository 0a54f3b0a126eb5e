import { useTranslations } from 'next-intl';
import { continueWithSsoAction } from '@/app/actions/auth';
import { Button } from '@/components/ui/button';

/** "Continue with <connection>": starts a sign-in through the organization's identity provider. */
export function ContinueWithSso({
  connectionId,
  connectionName,
  callbackUrl,
}: {
  connectionId: string;
  connectionName: string;
  callbackUrl?: string;
}) {
  const t = useTranslations('auth');
  return (
    <form action={continueWithSsoAction} className="grid">
      <input type="hidden" name="connection" value={connectionId} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Button type="submit" className="[overflow-wrap:anywhere] whitespace-normal">
        {t('continueWith', { connection: connectionName })}
      </Button>
    </form>
  );
}
