'use client';

import { useRef, useState, useTransition } from 'react';
import { Check, Copy, KeyRound, Loader2, Trash2 } from 'lucide-react';
import { toast } from 'sonner';
import {
  createScimTokenAction,
  deleteScimTokenAction,
  setProvisioningAction,
} from '@/app/actions/provisioning';
import { formatDate, formatDateTime } from '@/components/users/format';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { MAX_SCIM_TOKEN_NAME } from '@/lib/limits';

export interface TokenRow {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  createdBy: string | null;
  expired: boolean;
}

/** A read-only value with a Copy button that says it copied. */
function CopyField({
  id,
  label,
  value,
  autoFocus,
}: {
  id: string;
  label: string;
  value: string;
  autoFocus?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex min-w-0 gap-2">
        <Input
          id={id}
          readOnly
          value={value}
          autoFocus={autoFocus}
          className="min-w-0 font-mono text-xs"
          onFocus={(e) => e.target.select()}
        />
        <Button
          type="button"
          variant="outline"
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            toast.success(`Copied the ${label.toLowerCase()}`);
          }}
          aria-label={`Copy the ${label.toLowerCase()}`}
        >
          {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          Copy
        </Button>
      </div>
    </div>
  );
}

/** The Provisioning page's controls: the switch, the SCIM base URL, the tokens and `Generate token`. */
export function ProvisioningPanel({
  organizationId,
  enabled,
  baseUrl,
  maxTokens,
  tokens,
}: {
  organizationId: string;
  enabled: boolean;
  baseUrl: string;
  maxTokens: number;
  tokens: TokenRow[];
}) {
  const [on, setOn] = useState(enabled);
  const [pending, startTransition] = useTransition();

  function toggle(next: boolean) {
    setOn(next);
    startTransition(async () => {
      const result = await setProvisioningAction({ organizationId, enabled: next });
      if (!result.ok) {
        setOn(!next);
        toast.error(result.error.message);
        return;
      }
      toast.success(
        next ? 'Provisioning is on' : 'Provisioning is off: every token is refused until it is on again',
      );
    });
  }

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>SCIM provisioning</h2>
          </CardTitle>
          <CardDescription>
            Your identity provider creates members, changes their role (Admin or Member), suspends them when
            they leave and removes them. It never touches an Owner, and stays within your seats.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <div className="flex items-start justify-between gap-4">
            <div className="grid gap-1">
              <Label htmlFor="provisioning-enabled">Enable provisioning</Label>
              <p id="provisioning-enabled-help" className="text-xs text-muted-foreground">
                Off, every token is refused, and members stay as they are.
              </p>
            </div>
            <Switch
              id="provisioning-enabled"
              checked={on}
              onCheckedChange={toggle}
              disabled={pending}
              aria-describedby="provisioning-enabled-help"
            />
          </div>
          <CopyField id="scim-base-url" label="SCIM base URL" value={baseUrl} />
        </CardContent>
      </Card>
      <Tokens organizationId={organizationId} tokens={tokens} maxTokens={maxTokens} />
    </>
  );
}

function Tokens({
  organizationId,
  tokens,
  maxTokens,
}: {
  organizationId: string;
  tokens: TokenRow[];
  maxTokens: number;
}) {
  const full = tokens.length >= maxTokens;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Tokens</h2>
        </CardTitle>
        <CardDescription>
          Your identity provider sends one with every request. At most {maxTokens}, so you can replace one
          without a gap; each works for a year.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">No token yet.</p>
        ) : (
          <ul aria-label="Provisioning tokens" className="grid gap-3">
            {tokens.map((token) => (
              <li
                key={token.id}
                className="flex flex-wrap items-start justify-between gap-3 rounded-md border p-3"
              >
                <div className="grid min-w-0 gap-0.5 text-sm">
                  <span className="flex min-w-0 items-center gap-2 font-medium">
                    <KeyRound className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                    <span className="truncate" title={token.name}>
                      {token.name}
                    </span>
                    {token.expired ? (
                      <span className="badge" data-tone="expired">
                        Expired
                      </span>
                    ) : null}
                  </span>
                  <span className="text-xs [overflow-wrap:anywhere] text-muted-foreground">
                    Created {formatDate(token.createdAt)}
                    {token.createdBy ? ` by ${token.createdBy}` : ''} ·{' '}
                    {token.expired
                      ? `Expired on ${formatDate(token.expiresAt)}`
                      : `Expires ${formatDate(token.expiresAt)}`}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    Last used {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'never'}
                  </span>
                </div>
                <DeleteToken organizationId={organizationId} token={token} />
              </li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <GenerateToken organizationId={organizationId} disabled={full} />
          {full ? (
            <p className="text-xs text-muted-foreground">
              You have {maxTokens} tokens, the most an organization can hold. Delete one first.
            </p>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}

function DeleteToken({ organizationId, token }: { organizationId: string; token: TokenRow }) {
  const [pending, startTransition] = useTransition();
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Delete ${token.name}`}>
          <Trash2 aria-hidden="true" />
          Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete the token “{token.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            The identity provider that uses it is refused from its next request. Members it added stay.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction
            variant="destructive"
            disabled={pending}
            onClick={(event) => {
              event.preventDefault();
              startTransition(async () => {
                const result = await deleteScimTokenAction({ organizationId, tokenId: token.id });
                if (result.ok) toast.success(`Deleted the token “${token.name}”`);
                else toast.error(result.error.message);
              });
            }}
          >
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            Delete
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** `Generate token`: a name, then the token, shown this once with a Copy button. */
function GenerateToken({ organizationId, disabled }: { organizationId: string; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const trigger = useRef<HTMLButtonElement>(null);

  function reset(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setName('');
      setError(null);
      setToken(null);
    }
  }

  return (
    <>
      <Button ref={trigger} onClick={() => setOpen(true)} disabled={disabled}>
        <KeyRound aria-hidden="true" />
        Generate token
      </Button>
      <Dialog open={open} onOpenChange={reset}>
        <DialogContent
          className="grid-cols-[minmax(0,1fr)] sm:max-w-lg"
          onCloseAutoFocus={(event) => {
            // Back to `Generate token`; once two tokens are held it is disabled, and the list takes focus.
            event.preventDefault();
            const list = document.querySelector<HTMLElement>('[aria-label="Provisioning tokens"] button');
            (trigger.current && !trigger.current.disabled ? trigger.current : list)?.focus();
          }}
        >
          {token ? (
            <>
              <DialogHeader>
                <DialogTitle>Copy your token now</DialogTitle>
                <DialogDescription>
                  It will not be shown again: AI Hub keeps only a fingerprint of it. Paste it into your
                  identity provider with the SCIM base URL.
                </DialogDescription>
              </DialogHeader>
              <CopyField id="scim-new-token" label="Token" value={token} autoFocus />
              <DialogFooter>
                <Button onClick={() => reset(false)}>Done</Button>
              </DialogFooter>
            </>
          ) : (
            <form
              className="grid gap-4"
              onSubmit={(event) => {
                event.preventDefault();
                startTransition(async () => {
                  const result = await createScimTokenAction({ organizationId, name });
                  if (!result.ok) {
                    setError(result.error.message);
                    return;
                  }
                  setError(null);
                  setToken(result.data.token);
                });
              }}
            >
              <DialogHeader>
                <DialogTitle>Generate token</DialogTitle>
                <DialogDescription>
                  Name it after the identity provider that will use it: the activity log shows changes it
                  makes as “Directory (name)”.
                </DialogDescription>
              </DialogHeader>
              <div className="grid gap-2">
                <Label htmlFor="scim-token-name">Name</Label>
                <Input
                  id="scim-token-name"
                  value={name}
                  maxLength={MAX_SCIM_TOKEN_NAME}
                  onChange={(event) => setName(event.target.value)}
                  placeholder="Okta"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'scim-token-error' : undefined}
                  required
                />
                {error ? (
                  <p id="scim-token-error" role="alert" className="text-sm text-destructive">
                    {error}
                  </p>
                ) : null}
              </div>
              <DialogFooter>
                <Button type="button" variant="outline" onClick={() => reset(false)} disabled={pending}>
                  Cancel
                </Button>
                <Button type="submit" disabled={pending || name.trim() === ''}>
                  {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
                  Generate
                </Button>
              </DialogFooter>
            </form>
          )}
        </DialogContent>
      </Dialog>
    </>
  );
}
