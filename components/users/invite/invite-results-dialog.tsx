'use client';

import { CheckCircle2, CircleAlert, Clock, MailX, RefreshCw, UserCheck } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import type { InviteOutcome, InviteSummary } from '@/lib/invitations';

const outcomes: Record<
  InviteOutcome,
  {
    label: string;
    variant: 'success' | 'secondary' | 'outline' | 'destructive' | 'warning';
    icon: React.ElementType;
  }
> = {
  invited: { label: 'Invited', variant: 'success', icon: CheckCircle2 },
  resent: { label: 'Resent', variant: 'success', icon: RefreshCw },
  already_member: { label: 'Already a member', variant: 'secondary', icon: UserCheck },
  invalid: { label: 'Invalid address', variant: 'destructive', icon: CircleAlert },
  rate_limited: { label: 'Rate limited', variant: 'warning', icon: Clock },
  not_delivered: { label: 'Not delivered', variant: 'destructive', icon: MailX },
};

function headline(summary: InviteSummary) {
  const sent = summary.counts.invited + summary.counts.resent;
  if (sent === summary.results.length) return sent === 1 ? 'Invitation sent' : `${sent} invitations sent`;
  if (sent === 0) return 'No invitations were sent';
  return `${sent} of ${summary.results.length} invitations sent`;
}

/** The email confirmation modal: what happened to each address. */
export function InviteResultsDialog({
  summary,
  onClose,
}: {
  summary: InviteSummary | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={summary !== null} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{summary ? headline(summary) : ''}</DialogTitle>
          <DialogDescription>
            Invited people get an email with an Accept Invitation button. Until they accept they show as
            Pending in the user list.
          </DialogDescription>
        </DialogHeader>
        <ul className="grid max-h-80 gap-1 overflow-y-auto" aria-label="Invitation results">
          {summary?.results.map((result) => {
            const { label, variant, icon: Icon } = outcomes[result.outcome];
            return (
              <li
                key={result.email}
                className="flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm"
              >
                <div className="min-w-0">
                  <div className="truncate font-medium">{result.email}</div>
                  {result.reason ? (
                    <div className="text-xs text-muted-foreground">{result.reason}</div>
                  ) : null}
                </div>
                <Badge variant={variant} className="shrink-0">
                  <Icon aria-hidden="true" />
                  {label}
                </Badge>
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
