'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Activity, Network, Settings, Users } from 'lucide-react';
import { cn } from '@/lib/utils';
import { LinkPending } from './link-pending';

const items = [
  { segment: 'users', label: 'Users', icon: Users },
  { segment: 'activity', label: 'Activity', icon: Activity },
  { segment: 'provisioning', label: 'Provisioning', icon: Network },
  { segment: 'settings', label: 'Settings', icon: Settings },
] as const;

export function SidebarNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin console" className="flex gap-1 md:flex-col">
      {items.map(({ segment, label, icon: Icon }) => {
        const href = `/admin/${slug}/${segment}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={segment}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground/80 transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground',
              active && 'bg-sidebar-accent text-sidebar-accent-foreground',
            )}
          >
            <Icon className="size-4" aria-hidden="true" />
            {label}
            <LinkPending />
          </Link>
        );
      })}
    </nav>
  );
}
