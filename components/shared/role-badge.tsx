import { Badge } from '@/components/ui/badge';
import { roleLabels, type MemberRole } from '@/lib/policy';

const variant = { owner: 'default', admin: 'secondary', member: 'outline' } as const;

export function RoleBadge({ role }: { role: MemberRole }) {
  return <Badge variant={variant[role]}>{roleLabels[role]}</Badge>;
}
