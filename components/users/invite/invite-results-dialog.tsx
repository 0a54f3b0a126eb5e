'use client';

import {
  Armchair,
  CheckCircle2,
  CircleAlert,
  Clock,
  Copy,
  MailX,
  RefreshCw,
  Send,
  UserCheck,
} from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeading } from '@/components/ui/dialog';
import type { InviteOutcome, InviteSummary } from '@/lib/invitations';
import { describeOutcome, isNotSent, notSentFirst, notSentLine } from '@/lib/shared/invite-outcomes';
import { plural } from '@/lib/shared/text';

const looks: Record<
  InviteOutcome,
  { variant: 'success' | 'secondary' | 'outline' | 'destructive' | 'warning'; icon: React.ElementType }
> = {
  invited: { variant: 'success', icon: CheckCircle2 },
  resent: { variant: 'success', icon: RefreshCw },
  sending: { variant: 'outline', icon: Send },
  already_member: { variant: 'secondary', icon: UserCheck },
  invalid: { variant: 'destructive', icon: CircleAlert },
  rate_limited: { variant: 'warning', icon: Clock },
  no_seat: { variant: 'warning', icon: Armchair },
  not_delivered: { variant: 'destructive', icon: MailX },
};

function headline(summary: InviteSummary) {
  const sent = summary.counts.invited + summary.counts.resent;
  const sending = summary.counts.sending;
  if (sending > 0 && sent + sending === summary.results.length)
    return sent === 0 ? 'Sending your invitations' : `${sent} sent, ${sending} still sending`;
  if (sent === summary.results.length) return sent === 1 ? 'Invitation sent' : `${sent} invitations sent`;
  if (sent === 0) return 'No invitations were sent';
  return `${sent} of ${summary.results.length} invitations sent`;
}

/** Copies the addresses not sent, one a line, to paste into a fix or another invitation. */
async function copyNotSent(emails: string[]) {
  try {
    await navigator.clipboard.writeText(emails.join('\n'));
    toast.success(`Copied ${plural(emails.length, 'address', 'addresses')} not sent`);
  } catch {
    toast.error('Could not copy: the browser did not allow it. Select the addresses in the list instead.');
  }
}

/**
 * The email confirmation modal: what happened to each address, in words. `onClosed` runs once it has
 * closed, for the opener to take focus back (the modal has no trigger of its own to return to).
 */
export function InviteResultsDialog({
  summary,
  onClose,
  onClosed,
}: {
  summary: InviteSummary | null;
  onClose: () => void;
  onClosed?: () => void;
}) {
  // The addresses to act on first, under a line that counts them by why; the ones that went after them.
  const results = summary ? notSentFirst(summary.results) : [];
  const notSent = results.filter(isNotSent).map((result) => result.email);
  const line = summary ? notSentLine(summary) : null;
  return (
    <Dialog open={summary !== null} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent
        // A flex column within the window: the header and `Done` stay, the list between them scrolls.
        className="flex max-h-[calc(100dvh-2rem)] flex-col sm:max-w-lg"
        onCloseAutoFocus={(event) => {
          if (!onClosed) return;
          event.preventDefault();
          onClosed();
        }}
      >
        <DialogHeading
          className="pr-6"
          title={summary ? headline(summary) : ''}
          description="Invited people get an email with an Accept Invitation button. Until they accept they show as Pending in the user list."
        />
        {line ? (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-medium" data-testid="invite-not-sent">
              {line}
            </p>
            <Button type="button" variant="outline" size="sm" onClick={() => copyNotSent(notSent)}>
              <Copy aria-hidden="true" />
              Copy addresses not sent
            </Button>
          </div>
        ) : null}
        {/* A scrolling region is a tab stop, named by its label (axe: scrollable-region-focusable). */}
        <ul
          className="-mx-1 grid min-h-0 flex-1 content-start gap-1 overflow-y-auto rounded-md px-1 py-0.5 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          aria-label="Invitation results"
          tabIndex={0}
        >
          {results.map((result) => {
            const { label, sentence } = describeOutcome(result);
            const { variant, icon: Icon } = looks[result.outcome];
            return (
              <li key={result.email} className="grid gap-1 rounded-md border px-3 py-2 text-sm">
                {/* The whole address, wrapped anywhere if it must: it is what the admin checks. */}
                <div className="font-medium wrap-anywhere">{result.email}</div>
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0 text-xs text-muted-foreground">{sentence}</div>
                  <Badge variant={variant} className="shrink-0">
                    <Icon aria-hidden="true" />
                    {label}
                  </Badge>
                </div>
              </li>
            );
          })}
        </ul>
        <DialogFooter>
          <Button onClick={onClose}>Done</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
