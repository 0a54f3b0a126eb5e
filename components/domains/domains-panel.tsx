'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { focusAfterRemove } from '@/components/shared/remove-confirm';
import { useFocusOnArrival } from '@/components/shared/use-focus-on-arrival';
import { AddDomainForm } from './add-domain-form';
import { DomainItem } from './domain-item';
import type { DomainRow } from './types';

/**
 * The Domains page's controls: `Add domain` (Owners) and the organization's domains. A domain just added
 * takes the focus once the refreshed list has it, so that the keyboard goes on to its record and Verify.
 */
export function DomainsPanel({
  organizationId,
  organizationName,
  domains,
  maxDomains,
  manage,
  developmentDns,
}: {
  organizationId: string;
  organizationName: string;
  domains: DomainRow[];
  maxDomains: number;
  manage: boolean;
  developmentDns: { back: string } | null;
}) {
  const t = useTranslations('domains');
  const list = useRef<HTMLUListElement>(null);
  const setFocusOn = useFocusOnArrival(list, domains);
  const addField = () => document.getElementById('domain-name');

  // A removed domain's dialog can leave with its row, in the same render, before it could give the
  // focus back: the focus then falls to the body. It goes to the first Remove left, else the Domain field.
  const shownCount = useRef(domains.length);
  useEffect(() => {
    const fewer = domains.length < shownCount.current;
    shownCount.current = domains.length;
    if (!fewer || (document.activeElement && document.activeElement !== document.body)) return;
    const first = list.current?.querySelector<HTMLElement>('[data-remove]');
    (first ?? addField())?.focus();
  }, [domains.length]);

  const full = domains.length >= maxDomains;

  return (
    <>
      {manage ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t('add.heading')}</h2>
            </CardTitle>
            <CardDescription>{t('add.description', { max: maxDomains })}</CardDescription>
          </CardHeader>
          <CardContent>
            <AddDomainForm
              organizationId={organizationId}
              full={full ? t('add.full', { organization: organizationName, max: maxDomains }) : null}
              onAdded={(added) => setFocusOn(added.id)}
            />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('list.heading')}</h2>
          </CardTitle>
          <CardDescription className="[overflow-wrap:anywhere]">
            {domains.length > 0 ? `${t('list.count', { count: domains.length, max: maxDomains })} ` : null}
            {manage ? t('list.manageHint') : t('list.viewHint', { organization: organizationName })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {domains.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              {manage ? t('list.emptyManage') : t('list.emptyView')}
            </p>
          ) : (
            <ul ref={list} aria-label={t('list.label')} className="grid gap-4">
              {domains.map((domain, index) => (
                <DomainItem
                  key={domain.id}
                  organizationId={organizationId}
                  organizationName={organizationName}
                  domain={domain}
                  manage={manage}
                  developmentDns={developmentDns}
                  returnFocus={() => focusAfterRemove(list, domains, index, addField)}
                />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </>
  );
}
