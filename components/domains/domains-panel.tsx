'use client';

import { useEffect, useRef } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { focusAfterRemove } from '@/components/shared/remove-confirm';
import { useFocusOnArrival } from '@/components/shared/use-focus-on-arrival';
import { plural } from '@/lib/shared/text';
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
              <h2>Add a domain</h2>
            </CardTitle>
            <CardDescription>
              A domain you own, such as the one in your people’s email addresses. Up to{' '}
              {plural(maxDomains, 'domain')}.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AddDomainForm
              organizationId={organizationId}
              full={
                full
                  ? `${organizationName} has ${plural(maxDomains, 'domain')}, the most an organization can have. Remove one first.`
                  : null
              }
              onAdded={(added) => setFocusOn(added.id)}
            />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Your domains</h2>
          </CardTitle>
          <CardDescription className="[overflow-wrap:anywhere]">
            {domains.length > 0
              ? `${domains.length.toLocaleString('en-US')} of ${plural(maxDomains, 'domain')}. `
              : null}
            {manage
              ? 'A domain counts once its record is found, and while the daily check keeps finding it.'
              : `Only Owners of ${organizationName} add, verify and remove domains and change how people join.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {domains.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              {manage
                ? 'No domain yet. Add the domain of your people’s email addresses to start.'
                : 'No domain yet. An Owner can add the domain of your people’s email addresses.'}
            </p>
          ) : (
            <ul ref={list} aria-label="Domains" className="grid gap-4">
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
