'use client';

import { useRef, useState, useTransition } from 'react';
import { KeyRound, RefreshCw, Trash2 } from 'lucide-react';
import { toast } from 'sonner';
import { deleteScimTokenAction } from '@/app/actions/provisioning';
import { formatDate, formatDateTime } from '@/lib/shared/format';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { Button } from '@/components/ui/button';
import { plural } from '@/lib/shared/text';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { TokenDialog, type TokenDialogState } from './token-dialog';
import { BorderedItem } from '@/components/shared/bordered-item';

export interface TokenRow {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  createdBy: string | null;
  expired: boolean;
  /** Its maker is no longer an active Owner or Admin here: it is refused until replaced. */
  makerLeft: boolean;
}

export function Tokens({
  organizationId,
  tokens,
  maxTokens,
  tokenDays,
}: {
  organizationId: string;
  tokens: TokenRow[];
  maxTokens: number;
  /** How long a token works (SCIM_TOKEN_TTL_DAYS). */
  tokenDays: number;
}) {
  const full = tokens.length >= maxTokens;
  const [dialog, setDialog] = useState<TokenDialogState>({ open: false, replaces: null });
  const generate = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const deleteButtonOf = (id: string | undefined) =>
    id ? list.current?.querySelector<HTMLElement>(`[data-token-delete="${id}"]`) : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Tokens</h2>
        </CardTitle>
        <CardDescription>
          Your identity provider sends one with every request. At most {maxTokens}, so you can replace one
          without a gap; each works for {tokenDays === 365 ? 'a year' : plural(tokenDays, 'day')}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">No token yet.</p>
        ) : (
          <ul ref={list} aria-label="Provisioning tokens" className="grid gap-3">
            {tokens.map((token, index) => (
              <BorderedItem key={token.id}>
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
                    {token.makerLeft ? (
                      <span className="badge" data-tone="not_delivered">
                        Refused
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
                  {token.makerLeft ? (
                    <span className="text-xs [overflow-wrap:anywhere] text-destructive">
                      {token.createdBy ?? 'The person who made it'} is no longer an Owner or Admin here, so
                      every request with this token is refused. Replace it, then give your identity provider
                      the new token.
                    </span>
                  ) : null}
                </div>
                <div className="flex flex-wrap gap-2">
                  {token.makerLeft ? (
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => setDialog({ open: true, replaces: { id: token.id, name: token.name } })}
                      aria-label={`Replace ${token.name}`}
                    >
                      <RefreshCw aria-hidden="true" />
                      Replace
                    </Button>
                  ) : null}
                  <DeleteToken
                    organizationId={organizationId}
                    token={token}
                    // Its own button while it stays (Cancel); once it is gone, the next token's Delete,
                    // else the one before it, else Generate token: never the page's body.
                    returnFocus={() =>
                      deleteButtonOf(token.id) ??
                      deleteButtonOf(tokens[index + 1]?.id) ??
                      deleteButtonOf(tokens[index - 1]?.id) ??
                      generate.current
                    }
                  />
                </div>
              </BorderedItem>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button ref={generate} onClick={() => setDialog({ open: true, replaces: null })} disabled={full}>
            <KeyRound aria-hidden="true" />
            Generate token
          </Button>
          {full ? (
            <p className="text-xs text-muted-foreground">
              You have {maxTokens} tokens, the most an organization can hold. Delete one first.
            </p>
          ) : null}
        </div>
        <TokenDialog
          organizationId={organizationId}
          state={dialog}
          onOpenChange={(open) => setDialog((current) => ({ ...current, open }))}
          // Back to `Generate token`; once the tokens are as many as allowed it is disabled, and the list takes focus.
          returnFocus={() =>
            generate.current && !generate.current.disabled
              ? generate.current
              : list.current?.querySelector('button')
          }
        />
      </CardContent>
    </Card>
  );
}

/**
 * A token's `Delete`, asked first: the identity provider that uses it is refused from then on. Its name
 * says which token ("Delete token Okta"), beginning with the word it shows.
 */
function DeleteToken({
  organizationId,
  token,
  returnFocus,
}: {
  organizationId: string;
  token: TokenRow;
  /** Where focus goes when the dialog closes: asked then, after the list lost the token or kept it. */
  returnFocus: () => HTMLElement | null | undefined;
}) {
  const [pending, startTransition] = useTransition();
  return (
    <ConfirmDialog
      returnFocus={returnFocus}
      trigger={
        <Button
          variant="outline"
          size="sm"
          aria-label={`Delete token ${token.name}`}
          data-token-delete={token.id}
        >
          <Trash2 aria-hidden="true" />
          Delete
        </Button>
      }
      title={`Delete the token “${token.name}”?`}
      description="The identity provider that uses it is refused from its next request. Members it added stay."
      confirmLabel="Delete"
      variant="destructive"
      pending={pending}
      onConfirm={() =>
        startTransition(async () => {
          const result = await deleteScimTokenAction({ organizationId, tokenId: token.id });
          if (result.ok) toast.success(`Deleted the token “${token.name}”`);
          else toast.error(result.error.message);
        })
      }
    />
  );
}
