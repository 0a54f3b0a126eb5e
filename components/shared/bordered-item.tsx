import type { ReactNode } from 'react';
import { cn } from '@/lib/shared/utils';

/**
 * One item of a page's bordered list (a provisioning token, a directory group, a development DNS
 * record): what it is on the left, its controls on the right, wrapping below on a narrow screen.
 */
export function BorderedItem({
  align = 'start',
  children,
}: {
  align?: 'start' | 'center';
  children: ReactNode;
}) {
  return (
    <li
      className={cn(
        'flex flex-wrap justify-between gap-3 rounded-md border p-3',
        align === 'center' ? 'items-center' : 'items-start',
      )}
    >
      {children}
    </li>
  );
}
