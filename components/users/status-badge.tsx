import { useTranslations } from 'next-intl';
import type { UserStatus } from '@/lib/shared/user-table';

/** A row's status as a badge. Its look lives in app/globals.css (`.badge`): the table repeats it per row. */
export function StatusBadge({ status, title }: { status: UserStatus; title?: string }) {
  const t = useTranslations('common.statuses');
  return (
    <span className="badge" data-tone={status} title={title}>
      {t(status)}
    </span>
  );
}
