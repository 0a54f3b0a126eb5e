'use client';

import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { setProvisioningAction } from '@/app/actions/provisioning';
import { useCallAction } from '@/components/shared/call-action';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { CopyField } from '@/components/shared/copy-field';
import { Tokens, type TokenRow } from './tokens-list';

export type { TokenRow };

/** The Provisioning page's controls: the switch, the SCIM base URL, the tokens and `Generate token`. */
export function ProvisioningPanel({
  organizationId,
  enabled,
  baseUrl,
  maxTokens,
  tokenDays,
  tokens,
}: {
  organizationId: string;
  enabled: boolean;
  baseUrl: string;
  maxTokens: number;
  tokenDays: number;
  tokens: TokenRow[];
}) {
  const t = useTranslations('provisioning.panel');
  const [on, setOn] = useState(enabled);
  const [pending, startTransition] = useTransition();
  const call = useCallAction();

  function toggle(next: boolean) {
    setOn(next);
    startTransition(async () => {
      const result = await call(() => setProvisioningAction({ organizationId, enabled: next }));
      if (!result.ok) {
        setOn(!next);
        toast.error(result.error.message);
        return;
      }
      toast.success(next ? t('turnedOn') : t('turnedOff'));
    });
  }

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('heading')}</h2>
          </CardTitle>
          <CardDescription>{t('description')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <div className="flex items-start justify-between gap-4">
            <div className="grid gap-1">
              <Label htmlFor="provisioning-enabled">{t('enable')}</Label>
              <p id="provisioning-enabled-help" className="text-xs text-muted-foreground">
                {on ? t('on') : t('off')}
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
          {/* The Copy button names it in the sentence's own case ("scim base url" in English, as before). */}
          <CopyField id="scim-base-url" label={t('baseUrl')} value={baseUrl} what={t('baseUrlCopy')} />
        </CardContent>
      </Card>
      <Tokens organizationId={organizationId} tokens={tokens} maxTokens={maxTokens} tokenDays={tokenDays} />
    </>
  );
}
