import { statusLabels, type UserStatus } from '@/lib/shared/user-table';

/** A row's status as a badge. Its look lives in app/globals.css (`.badge`): the table repeats it per row. */
export function StatusBadge({ status, title }: { status: UserStatus; title?: string }) {
  return (
    <span className="badge" data-tone={status} title={title}>
      {statusLabels[status]}
    </span>
  );
}
