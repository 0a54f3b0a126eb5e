'use client';

import { useEffect } from 'react';
import { TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

/** A console page that failed to render: say so plainly, offer a retry; details go to the server log. */
export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations('console.error');
  const common = useTranslations('common.actions');
  useEffect(() => {
    console.warn('Console page failed to render', error.digest ?? '');
  }, [error]);
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-md flex-col items-center gap-3 rounded-lg border bg-background p-8 text-center"
    >
      <TriangleAlert className="size-8 text-destructive" aria-hidden="true" />
      <h1 className="text-lg font-semibold">{t('title')}</h1>
      <p className="text-sm text-muted-foreground">
        {error.digest ? t('bodyWithReference', { reference: error.digest }) : t('body')}
      </p>
      <Button onClick={reset}>{common('tryAgain')}</Button>
    </div>
  );
}
