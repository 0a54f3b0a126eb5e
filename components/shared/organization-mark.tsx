import { cn } from '@/lib/shared/utils';

/** An organization's initial in a square: beside its name on the home page and in the console's sidebar. */
export function OrganizationMark({ name, className }: { name: string; className?: string }) {
  return (
    <span
      className={cn(
        'flex size-9 shrink-0 items-center justify-center rounded-md bg-muted font-semibold uppercase',
        className,
      )}
      aria-hidden="true"
    >
      {name.slice(0, 1)}
    </span>
  );
}
