'use client';

import { useRef, useState, useTransition } from 'react';
import { Loader2, Send, UserPlus } from 'lucide-react';
import { toast } from 'sonner';
import { inviteListAction, inviteMembersAction } from '@/app/actions/invitations';
import { callAction, isUnanswered } from '@/components/shared/call-action';
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
import { MAX_CSV_ROWS, MAX_INVITATIONS_PER_BATCH } from '@/lib/shared/limits';
import { roleDescriptions, roleLabels } from '@/lib/shared/roles';
import type { InvitationRole } from '@/db/values';
import { useHydrated } from '@/components/shared/use-hydrated';
import { CsvPreview, CsvUploadButton, type UploadedList } from './csv-upload';
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
  const [list, setList] = useState<UploadedList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<InviteSummary | null>(null);
  const [pending, startTransition] = useTransition();
  // Where focus goes back to when the invite modal, or the confirmation after it, closes: the control
  // that opened it (`Invite New User`, or the empty table's own invite button), else `Invite New User`.
  const trigger = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const showingResults = useRef(false);
  const hydrated = useHydrated();

  function returnFocus() {
    const target = opener.current?.isConnected ? opener.current : trigger.current;
    target?.focus();
  }
  const valid = chips.filter((chip) => chip.valid);
  const invalidCount = chips.length - valid.length;

  /** A refusal is said in the modal and toasted; a call that got no answer only in the modal. */
  function showError(message: string, toasted = true) {
    setError(message);
    if (toasted) toast.error(message);
  }

  /** An uploaded file's ready rows become chips (with their roles), in place of an earlier file's. */
  function takeList(uploaded: UploadedList) {
    const typed = chips.filter((chip) => !chip.fromFile);
    const taken = new Set(typed.map((chip) => chip.email));
    const fromFile = uploaded.preview.rows
      .filter((row) => !row.problem && !taken.has(row.email))
      .map((row): Chip => ({
        email: row.email,
        valid: true,
        fromFile: true,
        ...(row.role ? { role: row.role } : {}),
      }));
    setChips([...typed, ...fromFile]);
    setList(uploaded);
    setError(null);
  }

  function removeList() {
    setChips(chips.filter((chip) => !chip.fromFile));
    setList(null);
    document.getElementById('invite-emails')?.focus();
  }

  function send() {
    if (valid.length === 0) return;
    setError(null);
    startTransition(async () => {
      // The invalid ones go too: the server is what decides, and the confirmation gives each its line.
      // With a file, each address carries its row's role (or the one chosen here), up to MAX_CSV_ROWS.
      // A call that got no answer is said here like a refusal: the modal and its addresses stay.
      const result = await callAction(() =>
        list
          ? inviteListAction({
              organizationId,
              invites: chips.map((chip) => ({ email: chip.email, role: chip.role ?? role })),
            })
          : inviteMembersAction({ organizationId, emails: chips.map((chip) => chip.email), role }),
      );
      if (!result.ok) {
        showError(result.error.message, !isUnanswered(result.error));
        return;
      }
      setError(null);
      setChips([]);
      setList(null);
      showingResults.current = true;
      onOpenChange(false);
      setSummary(result.data);
    });
  }

  // The server sends the button alone; the dialogs' Radix roots mount once the page has hydrated.
  if (!hydrated)
    return (
      <Button>
        <UserPlus aria-hidden="true" />
        Invite New User
      </Button>
    );
  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          if (!pending) onOpenChange(next);
        }}
      >
        <DialogTrigger asChild>
          <Button ref={trigger}>
            <UserPlus aria-hidden="true" />
            Invite New User
          </Button>
        </DialogTrigger>
        <DialogContent
          // Within the window whatever the addresses: its width at most the screen's, its height too (it
          // scrolls inside if a small screen cannot hold it); the chip list scrolls before that.
          className="max-h-[calc(100dvh-2rem)] grid-cols-[minmax(0,1fr)] overflow-y-auto sm:max-w-lg"
          onOpenAutoFocus={(event) => {
            // Focus is still on the control that opened the modal: remember it, then start in the input.
            if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body)
              opener.current = document.activeElement;
            event.preventDefault();
            document.getElementById('invite-emails')?.focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            // Sent: the confirmation modal has focus now, and gives it back when it closes.
            if (!showingResults.current) returnFocus();
          }}
        >
          <form
            className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              send();
            }}
          >
            <DialogHeader>
              <DialogTitle>Invite New User</DialogTitle>
              <DialogDescription>
                Enter email addresses and press Enter to add each one. You can paste a list, or upload a CSV
                file.
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
                max={list ? MAX_CSV_ROWS : MAX_INVITATIONS_PER_BATCH}
              />
              <p id="invite-emails-help" className="text-xs text-muted-foreground" aria-live="polite">
                {chips.length === 0
                  ? `Up to ${MAX_INVITATIONS_PER_BATCH} addresses at a time.`
                  : `${valid.length} to invite${invalidCount ? ` · ${invalidCount} invalid (marked in red, not sent)` : ''}`}
              </p>
              <CsvUploadButton
                organizationId={organizationId}
                disabled={pending}
                onRead={takeList}
                onError={showError}
              />
            </div>
            {list ? (
              <CsvPreview list={list} defaultRole={role} onRemove={removeList} disabled={pending} />
            ) : null}
            <div className="grid gap-2">
              <Label htmlFor="invite-role">{list ? 'Role (for rows that name none)' : 'Role'}</Label>
              <Select
                value={role}
                onValueChange={(value) => setRole(value as InvitationRole)}
                disabled={pending}
              >
                <SelectTrigger id="invite-role" className="w-full" aria-label="Role">
                  <SelectValue>{roleLabels[role]}</SelectValue>
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
                {`${roleLabels[role]}s can ${roleDescriptions[role]}.`}
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
      <InviteResultsDialog
        summary={summary}
        onClose={() => setSummary(null)}
        onClosed={() => {
          showingResults.current = false;
          returnFocus();
        }}
      />
    </>
  );
}
