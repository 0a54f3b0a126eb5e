'use client';

import { ChevronDown, Trash2, UserCog } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { roleLabels, type MemberRole } from '@/lib/policy';

/**
 * The bulk action button shown while rows are selected: `Change role` and `Delete` for every selected
 * row at once. It offers what the viewer could give at least one of them; the server decides for all.
 */
export function BulkActions({
  count,
  roles,
  busy,
  onChangeRole,
  onDelete,
}: {
  count: number;
  roles: MemberRole[];
  busy: boolean;
  onChangeRole: (role: MemberRole) => void;
  onDelete: () => void;
}) {
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" disabled={busy}>
          Bulk actions ({count})
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-48">
        <DropdownMenuSub>
          <DropdownMenuSubTrigger disabled={roles.length === 0}>
            <UserCog aria-hidden="true" />
            Change role
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            {roles.map((role) => (
              <DropdownMenuItem key={role} onSelect={() => onChangeRole(role)}>
                {roleLabels[role]}
              </DropdownMenuItem>
            ))}
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={onDelete}>
          <Trash2 aria-hidden="true" />
          Delete
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
