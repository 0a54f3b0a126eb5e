'use client';

import { useRef, useState, useTransition } from 'react';
import { KeyRound, RefreshCw, Trash2 } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { deleteScimTokenAction } from '@/app/actions/provisioning';
import { useCallAction } from '@/components/shared/call-action';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { Button } from '@/components/ui/button';
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
  const t = useTranslations('provisioning.tokens');
  const format = useFormatter();
  const date = (iso: string) => format.dateTime(new Date(iso), 'date');
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
          <h2>{t('heading')}</h2>
        </CardTitle>
        <CardDescription>
          {t('description', { max: maxTokens, days: tokenDays, year: tokenDays === 365 ? 'yes' : 'no' })}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('empty')}</p>
        ) : (
          <ul ref={list} aria-label={t('label')} className="grid gap-3">
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
                        {t('expiredBadge')}
                      </span>
                    ) : null}
                    {token.makerLeft ? (
                      <span className="badge" data-tone="not_delivered">
                        {t('refusedBadge')}
                      </span>
                    ) : null}
                  </span>
                  <span className="text-xs [overflow-wrap:anywhere] text-muted-foreground">
                    {token.createdBy
                      ? t('createdBy', { date: date(token.createdAt), name: token.createdBy })
                      : t('created', { date: date(token.createdAt) })}{' '}
                    ·{' '}
                    {token.expired
                      ? t('expiredOn', { date: date(token.expiresAt) })
                      : t('expires', { date: date(token.expiresAt) })}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {token.lastUsedAt
                      ? t('lastUsed', { time: format.dateTime(new Date(token.lastUsedAt), 'dateTime') })
                      : t('neverUsed')}
                  </span>
                  {token.makerLeft ? (
                    <span className="text-xs [overflow-wrap:anywhere] text-destructive">
                      {token.createdBy ? t('makerLeft', { name: token.createdBy }) : t('makerLeftUnknown')}
                    </span>
                  ) : null}
                </div>
                <div className="flex flex-wrap gap-2">
                  {token.makerLeft ? (
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => setDialog({ open: true, replaces: { id: token.id, name: token.name } })}
                      aria-label={t('replaceLabel', { name: token.name })}
                    >
                      <RefreshCw aria-hidden="true" />
                      {t('replace')}
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
            {t('generate')}
          </Button>
          {full ? <p className="text-xs text-muted-foreground">{t('full', { max: maxTokens })}</p> : null}
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
  const t = useTranslations('provisioning.tokens');
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  return (
    <ConfirmDialog
      returnFocus={returnFocus}
      trigger={
        <Button
          variant="outline"
          size="sm"
          aria-label={t('deleteLabel', { name: token.name })}
          data-token-delete={token.id}
        >
          <Trash2 aria-hidden="true" />
          {t('delete')}
        </Button>
      }
      title={t('deleteTitle', { name: token.name })}
      description={t('deleteDescription')}
      confirmLabel={t('delete')}
      variant="destructive"
      pending={pending}
      onConfirm={() =>
        startTransition(async () => {
          const result = await call(() => deleteScimTokenAction({ organizationId, tokenId: token.id }));
          if (result.ok) toast.success(t('deleted', { name: token.name }));
          else toast.error(result.error.message);
        })
      }
    />
  );
}
