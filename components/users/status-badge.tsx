import { Badge } from '@/components/ui/badge';
import type { UserStatus } from '@/lib/user-table-params';

export const statusLabels: Record<UserStatus, string> = {
  active: 'Active',
  pending: 'Pending',
  expired: 'Expired',
  not_delivered: 'Not delivered',
};

const variants = {
  active: 'success',
  pending: 'warning',
  expired: 'outline',
  not_delivered: 'destructive',
} as const;

export function StatusBadge({ status, title }: { status: UserStatus; title?: string }) {
  return (
    <Badge variant={variants[status]} title={title}>
      {statusLabels[status]}
    </Badge>
  );
}
