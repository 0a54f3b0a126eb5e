import type * as React from 'react';

import { cn } from '@/lib/shared/utils';

function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return (
    <div data-slot="skeleton" className={cn('animate-pulse rounded-md bg-accent', className)} {...props} />
  );
}

export { Skeleton };
