import { Skeleton } from '@/components/ui/skeleton';

/** Shown while the provisioning page renders on the server: its heading and cards, not a spinner. */
export default function ProvisioningLoading() {
  return (
    <div className="grid max-w-3xl gap-6" role="status" aria-label="Loading provisioning">
      <div className="grid gap-2">
        <Skeleton className="h-7 w-28" />
        <Skeleton className="h-4 w-64" />
      </div>
      {[3, 1].map((lines) => (
        <div key={lines} className="grid gap-4 rounded-xl border p-6">
          <div className="grid gap-2">
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-4 w-full max-w-lg" />
          </div>
          <div className="flex flex-wrap gap-3">
            {Array.from({ length: lines }, (_, index) => (
              <Skeleton key={index} className="h-9 w-40" />
            ))}
          </div>
        </div>
      ))}
      <span className="sr-only">Loading…</span>
    </div>
  );
}
