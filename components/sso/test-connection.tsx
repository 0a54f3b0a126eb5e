'use client';

import { useTransition } from 'react';
import { FlaskConical, Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { testConnectionAction } from '@/app/actions/sso';
import { useCallAction } from '@/components/shared/call-action';
import { Button } from '@/components/ui/button';
import { TestResult } from './test-result';
import type { ConnectionControlProps } from './types';

/**
 * `Test connection`: the server issues the request and answers with the identity provider's address,
 * where the browser goes (another origin: a full navigation). The provider sends the Owner back here,
 * and the result below is the one it found.
 */
export function TestConnection({ organizationId, connection, manage }: ConnectionControlProps) {
  const t = useTranslations('sso.test');
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  const resultId = `sso-${connection.id}-test`;

  function test() {
    if (pending) return;
    startTransition(async () => {
      const result = await call(() => testConnectionAction({ organizationId, connectionId: connection.id }));
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      window.location.assign(result.data.url);
    });
  }

  return (
    <div className="grid gap-3">
      {manage ? (
        <Button
          type="button"
          variant="outline"
          onClick={test}
          aria-disabled={pending || undefined}
          aria-describedby={resultId}
          className="w-fit"
        >
          {pending ? (
            <Loader2 className="animate-spin" aria-hidden="true" />
          ) : (
            <FlaskConical aria-hidden="true" />
          )}
          {t.rich('button', {
            name: connection.name,
            hidden: (chunks) => <span className="sr-only">{chunks}</span>,
          })}
        </Button>
      ) : null}
      <TestResult id={resultId} connection={connection} />
    </div>
  );
}
