import { Skeleton } from '@/components/ui/skeleton';

/** Shown while the users page renders on the server: the shape of the page, not a spinner. */
export default function UsersLoading() {
  return (
    <div className="grid gap-4" role="status" aria-label="Loading">
      <div className="flex items-end justify-between gap-3">
        <div className="grid gap-2">
          <Skeleton className="h-7 w-32" />
          <Skeleton className="h-4 w-72" />
        </div>
        <Skeleton className="h-9 w-40" />
      </div>
      <div className="flex gap-2">
        <Skeleton className="h-9 w-72" />
        <Skeleton className="h-9 w-36" />
        <Skeleton className="h-9 w-40" />
      </div>
      <div className="grid gap-px overflow-hidden rounded-lg border">
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} className="flex items-center gap-4 bg-background px-4 py-3">
            <Skeleton className="size-4" />
            <Skeleton className="size-8 rounded-full" />
            <div className="grid flex-1 gap-1.5">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3 w-56" />
            </div>
            <Skeleton className="h-5 w-16" />
            <Skeleton className="h-5 w-16" />
          </div>
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
