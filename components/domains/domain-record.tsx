// The TXT record that proves the domain, each part with Copy, and on a machine that uses the
// development resolver a link that publishes it there (the development DNS page, filled in).
import Link from 'next/link';
import { ArrowRight } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { CopyField } from '@/components/shared/copy-field';
import type { DomainRow } from './types';

export function DomainRecord({
  domain,
  developmentDns,
}: {
  domain: DomainRow;
  /** The page to come back to from the development DNS page, when it is open here; else null. */
  developmentDns: { back: string } | null;
}) {
  const t = useTranslations('domains.record');
  const { record } = domain;
  const publish = developmentDns
    ? `/dev/dns?${new URLSearchParams({ name: record.name, value: record.value, back: developmentDns.back })}`
    : null;
  return (
    <section
      aria-label={t('label', { domain: domain.domain })}
      className="grid min-w-0 gap-3 rounded-md border bg-muted/40 p-3"
    >
      <p className="text-sm">
        {t.rich('publish', {
          type: record.type,
          code: (chunks) => <span className="font-mono font-medium">{chunks}</span>,
        })}
      </p>
      <CopyField
        id={`domain-${domain.id}-record-name`}
        label={t('name')}
        value={record.name}
        what={t('copyName', { domain: domain.domain })}
      />
      <CopyField
        id={`domain-${domain.id}-record-value`}
        label={t('value')}
        value={record.value}
        what={t('copyValue', { domain: domain.domain })}
      />
      {publish ? (
        <Link
          href={publish}
          className="flex w-fit items-center gap-1 rounded-sm text-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
        >
          {t('developmentDns')}
          <span className="sr-only"> ({domain.domain})</span>
          <ArrowRight className="size-4" aria-hidden="true" />
        </Link>
      ) : null}
    </section>
  );
}
