import Link from 'next/link';
import { ChevronLeft } from 'lucide-react';
import { Logo } from '@/components/brand/logo';
import { SidebarNav } from '@/components/console/sidebar-nav';
import { RoleBadge } from '@/components/shared/role-badge';
import { MAIN_ID } from '@/components/shared/main-id';
import { OrganizationMark } from '@/components/shared/organization-mark';
import { UserMenu } from '@/components/shared/user-menu';
import { requireConsole } from './guard';

export default async function ConsoleLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  const { actor, organization, role } = await requireConsole(org);
  return (
    <div className="flex min-h-svh flex-col md:flex-row">
      <aside className="flex shrink-0 flex-col gap-4 border-b bg-sidebar p-4 md:sticky md:top-0 md:h-svh md:w-64 md:border-r md:border-b-0">
        <Link
          href="/"
          className="w-fit rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <Logo />
        </Link>
        <div className="flex items-center gap-3 rounded-lg border bg-background p-3">
          <OrganizationMark name={organization.name} className="bg-primary text-primary-foreground" />
          <div className="min-w-0">
            <div className="truncate text-sm font-semibold" data-testid="organization-name">
              {organization.name}
            </div>
            <RoleBadge role={role} />
          </div>
        </div>
        <SidebarNav slug={organization.slug} />
        <Link
          href="/"
          className="mt-auto hidden items-center gap-1 text-sm text-muted-foreground hover:text-foreground md:flex"
        >
          <ChevronLeft className="size-4" aria-hidden="true" />
          All organizations
        </Link>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end border-b px-4 sm:px-6">
          <UserMenu email={actor.email} name={actor.name} />
        </header>
        <main id={MAIN_ID} className="min-w-0 flex-1 p-4 outline-none sm:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
