import { useTranslations } from 'next-intl';
import type { MemberRole } from '@/db/values';

/** A role as a badge. Its look lives in app/globals.css (`.badge`): the users table repeats it per row. */
export function RoleBadge({ role }: { role: MemberRole }) {
  const t = useTranslations('common.roles');
  return (
    <span className="badge" data-tone={role}>
      {t(role)}
    </span>
  );
}
