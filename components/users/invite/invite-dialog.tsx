'use client';

import { useRef, useState, useTransition } from 'react';
import { Loader2, Send, UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { inviteListAction, inviteMembersAction } from '@/app/actions/invitations';
import { isUnanswered, useCallAction } from '@/components/shared/call-action';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeading, DialogTrigger } from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import type { InviteSummary } from '@/lib/invitations';
import { MAX_CSV_ROWS, MAX_INVITATIONS_PER_BATCH } from '@/lib/shared/limits';
import type { InvitationRole } from '@/db/values';
import { useHydrated } from '@/components/shared/use-hydrated';
import { AddressCounts } from './address-counts';
import { withAddresses, withFileRows, type Chip } from './chips';
import { CsvPreview, CsvUploadButton, type UploadedList } from './csv-upload';
import { EmailChipsInput } from './email-chips-input';
import { InviteResultsDialog } from './invite-results-dialog';
import { RoleField } from './role-field';

/** The `Invite New User` button, its modal, and the email confirmation modal after `Send Invitation`. */
export function InviteDialog({
  organizationId,
  roles,
  seatsLeft,
  open,
  onOpenChange,
}: {
  organizationId: string;
  roles: InvitationRole[];
  /** Seats left in the organization when the page was loaded; null without a limit. */
  seatsLeft: number | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations();
  const [chips, setChips] = useState<Chip[]>([]);
  // The address being typed, not yet a chip: it counts, and goes, as if Enter had been pressed.
  const [text, setText] = useState('');
  const [role, setRole] = useState<InvitationRole>('member');
  const [list, setList] = useState<UploadedList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<InviteSummary | null>(null);
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  // Where focus goes back to when the invite modal, or the confirmation after it, closes: the control
  // that opened it (`Invite New User`, or the empty table's own invite button), else `Invite New User`.
  const trigger = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const showingResults = useRef(false);
  const hydrated = useHydrated();

  const returnFocus = () => (opener.current?.isConnected ? opener.current : trigger.current)?.focus();
  const max = list ? MAX_CSV_ROWS : MAX_INVITATIONS_PER_BATCH;
  const addresses = withAddresses(chips, text, max);
  const valid = addresses.filter((chip) => chip.valid);

  /** A refusal is said in the modal and toasted; a call that got no answer only in the modal. */
  function showError(message: string, toasted = true) {
    setError(message);
    if (toasted) toast.error(message);
  }

  /** An uploaded file's ready rows become chips (with their roles), in place of an earlier file's. */
  function takeList(uploaded: UploadedList) {
    setChips(withFileRows(chips, uploaded.preview.rows));
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
    // What was typed becomes its chip now, so that a refusal leaves it in the list to fix.
    setChips(addresses);
    setText('');
    setError(null);
    startTransition(async () => {
      // The invalid ones go too: the server is what decides, and the confirmation gives each its line.
      // With a file, each address carries its row's role (or the one chosen here), up to MAX_CSV_ROWS.
      // A call that got no answer is said here like a refusal: the modal and its addresses stay.
      const result = await call(() =>
        list
          ? inviteListAction({
              organizationId,
              invites: addresses.map((chip) => ({ email: chip.email, role: chip.role ?? role })),
            })
          : inviteMembersAction({ organizationId, emails: addresses.map((chip) => chip.email), role }),
      );
      if (!result.ok) {
        showError(result.error.message, !isUnanswered(result.error));
        return;
      }
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
        {t('invite.trigger')}
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
            {t('invite.trigger')}
          </Button>
        </DialogTrigger>
        <DialogContent
          // Within the window whatever the addresses or the file: its width at most the screen's, its
          // height too. The header and the buttons stay; the body between them scrolls (the chip list and
          // the file's rows scroll on their own before that).
          className="flex max-h-[calc(100dvh-2rem)] flex-col sm:max-w-lg"
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
            // Into the dialog's padding by 4 px each side, given back by each part, so that the body's
            // scrolling box does not clip the inputs' focus rings.
            className="-mx-1 flex min-h-0 min-w-0 flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              send();
            }}
          >
            <DialogHeading className="px-1" title={t('invite.title')} description={t('invite.description')} />
            <div
              data-testid="invite-dialog-body"
              className="-my-1 grid min-h-0 grid-cols-[minmax(0,1fr)] content-start gap-4 overflow-y-auto p-1"
            >
              <div className="grid gap-2">
                <Label htmlFor="invite-emails">{t('invite.emailsLabel')}</Label>
                <EmailChipsInput
                  id="invite-emails"
                  chips={chips}
                  onChange={setChips}
                  text={text}
                  onTextChange={setText}
                  disabled={pending}
                  describedBy="invite-emails-help"
                  max={max}
                />
                <AddressCounts
                  id="invite-emails-help"
                  total={addresses.length}
                  valid={valid.length}
                  seatsLeft={seatsLeft}
                />
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
              <RoleField
                role={role}
                roles={roles}
                onChange={setRole}
                forFile={list !== null}
                disabled={pending}
              />
              {error ? (
                <p role="alert" className="text-sm text-destructive">
                  {error}
                </p>
              ) : null}
            </div>
            <DialogFooter className="px-1">
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
                {t('common.actions.cancel')}
              </Button>
              <Button
                type="submit"
                disabled={valid.length === 0 || pending}
                aria-busy={pending}
                // Pressing it must not blur the address input first: the blur would make the typed
                // address a chip, the dialog would grow and move the button from under the pointer.
                onMouseDown={(event) => event.preventDefault()}
              >
                {pending ? (
                  <Loader2 className="animate-spin" aria-hidden="true" />
                ) : (
                  <Send aria-hidden="true" />
                )}
                {t('invite.send')}
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
