'use client';

import { useState, useTransition } from 'react';
import { Loader2, Send, UserPlus } from 'lucide-react';
import { toast } from 'sonner';
import { inviteMembersAction } from '@/app/actions/invitations';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { InviteSummary } from '@/lib/invitations';
import { MAX_INVITATIONS_PER_BATCH } from '@/lib/limits';
import { roleLabels, type InvitationRole } from '@/lib/policy';
import { EmailChipsInput, type Chip } from './email-chips-input';
import { InviteResultsDialog } from './invite-results-dialog';

/** The `Invite New User` button, its modal, and the email confirmation modal after `Send Invitation`. */
export function InviteDialog({
  organizationId,
  roles,
  open,
  onOpenChange,
}: {
  organizationId: string;
  roles: InvitationRole[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [chips, setChips] = useState<Chip[]>([]);
  const [role, setRole] = useState<InvitationRole>('member');
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<InviteSummary | null>(null);
  const [pending, startTransition] = useTransition();
  const valid = chips.filter((chip) => chip.valid);
  const invalidCount = chips.length - valid.length;

  function send() {
    if (valid.length === 0) return;
    startTransition(async () => {
      const result = await inviteMembersAction({
        organizationId,
        emails: valid.map((chip) => chip.email),
        role,
      });
      if (!result.ok) {
        setError(result.error.message);
        toast.error(result.error.message);
        return;
      }
      setError(null);
      setChips([]);
      onOpenChange(false);
      setSummary(result.data);
    });
  }

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          if (!pending) onOpenChange(next);
        }}
      >
        <DialogTrigger asChild>
          <Button>
            <UserPlus aria-hidden="true" />
            Invite New User
          </Button>
        </DialogTrigger>
        <DialogContent className="sm:max-w-lg">
          <form
            className="grid gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              send();
            }}
          >
            <DialogHeader>
              <DialogTitle>Invite New User</DialogTitle>
              <DialogDescription>
                Enter email addresses and press Enter to add each one. You can paste a list, too.
              </DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <Label htmlFor="invite-emails">Email addresses</Label>
              <EmailChipsInput
                id="invite-emails"
                chips={chips}
                onChange={setChips}
                disabled={pending}
                describedBy="invite-emails-help"
              />
              <p id="invite-emails-help" className="text-xs text-muted-foreground" aria-live="polite">
                {chips.length === 0
                  ? `Up to ${MAX_INVITATIONS_PER_BATCH} addresses at a time.`
                  : `${valid.length} to invite${invalidCount ? ` · ${invalidCount} invalid (marked in red, not sent)` : ''}`}
              </p>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="invite-role">Role</Label>
              <Select
                value={role}
                onValueChange={(value) => setRole(value as InvitationRole)}
                disabled={pending}
              >
                <SelectTrigger id="invite-role" className="w-full" aria-label="Role">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {roles.map((option) => (
                    <SelectItem key={option} value={option}>
                      {roleLabels[option]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <p className="text-xs text-muted-foreground">
                {role === 'admin'
                  ? 'Admins can open the admin console, invite and manage users, and manage billing.'
                  : 'Members use AI Hub but cannot open the admin console.'}
              </p>
            </div>
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" disabled={valid.length === 0 || pending} aria-busy={pending}>
                {pending ? (
                  <Loader2 className="animate-spin" aria-hidden="true" />
                ) : (
                  <Send aria-hidden="true" />
                )}
                Send Invitation
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <InviteResultsDialog summary={summary} onClose={() => setSummary(null)} />
    </>
  );
}
