import Link from 'next/link';
import { ChevronLeft, LogOut } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/app/actions/auth';
import { Logo } from '@/components/brand/logo';
import { Button } from '@/components/ui/button';
import { SidebarNav } from '@/components/console/sidebar-nav';
import { RoleBadge } from '@/components/shared/role-badge';
import { MAIN_ID } from '@/components/shared/main-id';
import { OrganizationMark } from '@/components/shared/organization-mark';
import { LanguageMenu } from '@/components/shared/language-menu';
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
  const t = await getTranslations('console.header');
  return (
    <div className="flex min-h-svh flex-col md:flex-row">
      {/* On a phone a compact bar (the logo, the organization, Sign out) over the console’s links, so that the
          page starts near the top; beside the page, a column. */}
      <aside className="flex shrink-0 flex-col gap-2 border-b bg-sidebar px-4 py-2 md:sticky md:top-0 md:h-svh md:w-64 md:gap-4 md:border-r md:border-b-0 md:p-4">
        <div className="flex items-center gap-3 md:contents">
          <Link
            href="/"
            className="w-fit shrink-0 rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            <Logo />
          </Link>
          <div className="flex min-w-0 flex-1 items-center gap-2 md:flex-none md:gap-3 md:rounded-lg md:border md:bg-background md:p-3">
            <OrganizationMark name={organization.name} className="bg-primary text-primary-foreground" />
            <div className="min-w-0">
              <div className="truncate text-sm font-semibold" data-testid="organization-name">
                {organization.name}
              </div>
              <RoleBadge role={role} />
            </div>
          </div>
          <LanguageMenu compact className="md:hidden" />
          <form action={signOutAction} className="md:hidden">
            <Button
              type="submit"
              variant="ghost"
              size="icon-sm"
              aria-label={t('signOutOf', { email: actor.email })}
              title={t('signedInAs', { email: actor.email })}
            >
              <LogOut aria-hidden="true" />
            </Button>
          </form>
        </div>
        <SidebarNav slug={organization.slug} />
        <Link
          href="/"
          className="mt-auto hidden items-center gap-1 text-sm text-muted-foreground hover:text-foreground md:flex"
        >
          <ChevronLeft className="size-4" aria-hidden="true" />
          {t('allOrganizations')}
        </Link>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="hidden h-14 items-center justify-end gap-2 border-b px-4 sm:px-6 md:flex">
          <LanguageMenu />
          <UserMenu email={actor.email} name={actor.name} />
        </header>
        <main id={MAIN_ID} className="min-w-0 flex-1 p-4 outline-none sm:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
