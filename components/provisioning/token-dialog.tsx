'use client';

import { useState, useTransition } from 'react';
import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { createScimTokenAction } from '@/app/actions/provisioning';
import { useCallAction } from '@/components/shared/call-action';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeading } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { CharacterCount } from '@/components/shared/character-count';
import { MAX_SCIM_TOKEN_NAME } from '@/lib/shared/limits';
import { CopyField } from '@/components/shared/copy-field';

/** The name field's example: an identity provider's name, the same in every language. */
const EXAMPLE_NAME = 'Okta';

/** What the token dialog is open for: a new token, or the replacement of `replaces`. */
export interface TokenDialogState {
  open: boolean;
  replaces: { id: string; name: string } | null;
}

/**
 * The token dialog: a name, then the token, shown this once with a Copy button. For `Replace` (a token
 * whose maker left) the same dialog with its name kept; the old token is deleted as the new one is made
 * (lib/scim/tokens.ts createScimToken). It lives with the list, not in the row it replaces, so that the
 * new token stays on screen when the page refreshes without that row.
 */
export function TokenDialog({
  organizationId,
  state,
  onOpenChange,
  returnFocus,
}: {
  organizationId: string;
  state: TokenDialogState;
  onOpenChange: (open: boolean) => void;
  /** Where focus goes when the dialog closes. */
  returnFocus: () => HTMLElement | null | undefined;
}) {
  const t = useTranslations('provisioning.tokenDialog');
  const tc = useTranslations('common.actions');
  const { open, replaces } = state;
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  const [openedFor, setOpenedFor] = useState<TokenDialogState | null>(null);
  // A dialog opened anew starts from the name of what it replaces (or none), with no error and no token.
  if (open && openedFor !== state) {
    setOpenedFor(state);
    setName(replaces?.name ?? '');
    setError(null);
    setToken(null);
  }

  function reset(next: boolean) {
    if (pending) return;
    onOpenChange(next);
  }

  return (
    <>
      <Dialog open={open} onOpenChange={reset}>
        <DialogContent
          className="grid-cols-[minmax(0,1fr)] sm:max-w-lg"
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocus()?.focus();
          }}
        >
          {token ? (
            <>
              <DialogHeading title={t('copyTitle')} description={t('copyDescription')} />
              <CopyField id="scim-new-token" label={t('token')} value={token} autoFocus />
              <DialogFooter>
                <Button onClick={() => reset(false)}>{t('done')}</Button>
              </DialogFooter>
            </>
          ) : (
            <form
              className="grid gap-4"
              onSubmit={(event) => {
                event.preventDefault();
                startTransition(async () => {
                  const result = await call(() =>
                    createScimTokenAction({
                      organizationId,
                      name,
                      ...(replaces ? { replaces: replaces.id } : {}),
                    }),
                  );
                  if (!result.ok) {
                    // The name's own words when the name is what is wrong, without the generic preamble.
                    const fields = result.error.details?.fields as Record<string, string> | undefined;
                    setError(fields?.name ?? result.error.message);
                    return;
                  }
                  setError(null);
                  setToken(result.data.token);
                });
              }}
            >
              <DialogHeading
                title={replaces ? t('replaceTitle', { name: replaces.name }) : t('generateTitle')}
                description={replaces ? t('replaceDescription') : t('generateDescription')}
              />
              <div className="grid gap-2">
                <Label htmlFor="scim-token-name">{t('name')}</Label>
                <Input
                  id="scim-token-name"
                  value={name}
                  maxLength={MAX_SCIM_TOKEN_NAME}
                  onChange={(event) => setName(event.target.value)}
                  placeholder={EXAMPLE_NAME}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'scim-token-error scim-token-count' : 'scim-token-count'}
                  required
                />
                <CharacterCount id="scim-token-count" value={name} max={MAX_SCIM_TOKEN_NAME} />
                {error ? (
                  <p id="scim-token-error" role="alert" className="text-sm text-destructive">
                    {error}
                  </p>
                ) : null}
              </div>
              <DialogFooter>
                <Button type="button" variant="outline" onClick={() => reset(false)} disabled={pending}>
                  {tc('cancel')}
                </Button>
                <Button type="submit" disabled={pending || name.trim() === ''}>
                  {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
                  {replaces ? t('replace') : t('generate')}
                </Button>
              </DialogFooter>
            </form>
          )}
        </DialogContent>
      </Dialog>
    </>
  );
}
