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
import { isNotSent, notSentFirst } from '@/lib/shared/invite-outcomes';
import { useWords, type Translate } from '../words';
import { notSentText, outcomeWords } from './outcome-words';

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

function headline(t: Translate, summary: InviteSummary) {
  const sent = summary.counts.invited + summary.counts.resent;
  const sending = summary.counts.sending;
  const total = summary.results.length;
  if (sending > 0 && sent + sending === total)
    return sent === 0 ? t('invite.results.sending') : t('invite.results.sentSending', { sent, sending });
  if (sent === total)
    return sent === 1 ? t('invite.results.sentOne') : t('invite.results.sentAll', { count: sent });
  if (sent === 0) return t('invite.results.none');
  return t('invite.results.some', { sent, total });
}

/** Copies the addresses not sent, one a line, to paste into a fix or another invitation. */
async function copyNotSent(t: Translate, emails: string[]) {
  try {
    await navigator.clipboard.writeText(emails.join('\n'));
    toast.success(t('invite.results.copied', { count: emails.length }));
  } catch {
    toast.error(t('invite.results.copyFailed'));
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
  const words = useWords();
  const { t } = words;
  // The addresses to act on first, under a line that counts them by why; the ones that went after them.
  const results = summary ? notSentFirst(summary.results) : [];
  const notSent = results.filter(isNotSent).map((result) => result.email);
  const line = summary ? notSentText(words, summary) : null;
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
          title={summary ? headline(t, summary) : ''}
          description={t('invite.results.description')}
        />
        {line ? (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-medium" data-testid="invite-not-sent">
              {line}
            </p>
            <Button type="button" variant="outline" size="sm" onClick={() => copyNotSent(t, notSent)}>
              <Copy aria-hidden="true" />
              {t('invite.results.copy')}
            </Button>
          </div>
        ) : null}
        {/* A scrolling region is a tab stop, named by its label (axe: scrollable-region-focusable). */}
        <ul
          className="-mx-1 grid min-h-0 flex-1 content-start gap-1 overflow-y-auto rounded-md px-1 py-0.5 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          aria-label={t('invite.results.listLabel')}
          tabIndex={0}
        >
          {results.map((result) => {
            const { label, sentence } = outcomeWords(t, result);
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
          <Button onClick={onClose}>{t('invite.results.done')}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
