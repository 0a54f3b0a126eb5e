'use client';

import { useEffect } from 'react';
import { TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** A console page that failed to render: say so plainly, offer a retry; details go to the server log. */
export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.warn('Console page failed to render', error.digest ?? '');
  }, [error]);
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-md flex-col items-center gap-3 rounded-lg border bg-background p-8 text-center"
    >
      <TriangleAlert className="size-8 text-destructive" aria-hidden="true" />
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="text-sm text-muted-foreground">
        Something went wrong on our side. Nothing was changed. Try again; if it keeps happening, contact
        support
        {error.digest ? ` with the reference ${error.digest}` : ''}.
      </p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
