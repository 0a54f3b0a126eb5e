import { roleLabels } from '@/lib/shared/roles';
import type { MemberRole } from '@/db/values';

/** A role as a badge. Its look lives in app/globals.css (`.badge`): the users table repeats it per row. */
export function RoleBadge({ role }: { role: MemberRole }) {
  return (
    <span className="badge" data-tone={role}>
      {roleLabels[role]}
    </span>
  );
}
