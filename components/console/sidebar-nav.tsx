'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Activity, Globe, KeyRound, Network, Settings, Users } from 'lucide-react';
import { cn } from '@/lib/shared/utils';
import { LinkPending } from './link-pending';

/** The console's pages, each named by console.nav.<segment>. */
const items = [
  { segment: 'users', icon: Users },
  { segment: 'activity', icon: Activity },
  { segment: 'provisioning', icon: Network },
  { segment: 'domains', icon: Globe },
  { segment: 'sso', icon: KeyRound },
  { segment: 'settings', icon: Settings },
] as const;

export function SidebarNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const t = useTranslations('console.nav');
  return (
    // On a phone the six links share one short row, names only, each as wide as its name and an equal
    // share of the rest (equal cells would cut "Provisioning" at 390 px); where the names are longer than
    // the row (Japanese), never broken inside a word: the row scrolls sideways. Beside the page, a column
    // with icons.
    <nav aria-label={t('label')} className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
      {items.map(({ segment, icon: Icon }) => {
        const href = `/admin/${slug}/${segment}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={segment}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'relative flex shrink-0 grow items-center justify-center gap-2 rounded-md px-1 py-1.5 text-xs font-medium whitespace-nowrap text-sidebar-foreground/80 transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground md:flex-none md:justify-start md:px-3 md:py-2 md:text-sm',
              active && 'bg-sidebar-accent text-sidebar-accent-foreground',
            )}
          >
            <Icon className="hidden size-4 md:block" aria-hidden="true" />
            {t(segment)}
            <LinkPending />
          </Link>
        );
      })}
    </nav>
  );
}
