import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArrowRight, Building2 } from 'lucide-react';
import { Logo } from '@/components/brand/logo';
import { CreateOrganizationForm } from '@/components/home/create-organization-form';
import { LeaveOrganization } from '@/components/home/leave-organization';
import { JoinSuggestions } from '@/components/home/join-suggestions';
import { listJoinSuggestions } from '@/lib/domains/join';
import { FlashToast } from '@/components/shared/flash-toast';
import { RoleBadge } from '@/components/shared/role-badge';
import { StatusBadge } from '@/components/users/status-badge';
import { ClientMessages } from '@/app/_lib/client-messages';
import { LanguageMenu } from '@/components/shared/language-menu';
import { UserMenu } from '@/components/shared/user-menu';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getActor } from '@/app/_lib/session';
import { errorTextIn } from '@/app/_lib/error-text';
import { requestLocale } from '@/app/_lib/i18n-request';
import type { Locale } from '@/lib/i18n/locales';
import { noticeMessage } from '@/lib/shared/notices';
import { listMyOrganizations } from '@/lib/organizations';
import { can } from '@/lib/shared/permissions';
import { leaveRefusal } from '@/lib/shared/offers';
import { MAIN_ID } from '@/components/shared/main-id';
import { OrganizationMark } from '@/components/shared/organization-mark';

/** Why Leave is held back (lib/shared/offers.ts decides), in the reader's language; null when it is offered. */
function leaveRefusalText(locale: Locale, membership: Parameters<typeof leaveRefusal>[0]): string | null {
  const refusal = leaveRefusal(membership);
  return refusal && errorTextIn(locale, refusal.code, refusal.message, refusal.detail);
}

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getActor();
  if (!actor) redirect('/login');
  const params = await searchParams;
  const t = await getTranslations('home');
  const locale = await requestLocale();
  // Two statements, whatever the size of anything: the memberships, and the organization the
  // address's verified domain offers (lib/domains/join.ts).
  const [organizations, suggestions] = await Promise.all([
    listMyOrganizations(actor.userId),
    listJoinSuggestions(actor),
  ]);
  // `?org=` is only a key: the toast names the organization when it is one of this person's own.
  const named = organizations.find((organization) => organization.slug === params.org)?.name ?? null;

  return (
    <ClientMessages namespaces={['home']}>
      <div className="min-h-svh bg-muted/40">
        <FlashToast message={noticeMessage(params.notice, named, await getTranslations())} />
        <header className="border-b bg-background">
          <div className="mx-auto flex h-16 max-w-4xl items-center justify-between gap-4 px-4 sm:px-6">
            <Logo />
            <div className="flex min-w-0 items-center gap-2">
              <LanguageMenu />
              <UserMenu email={actor.email} name={actor.name} />
            </div>
          </div>
        </header>
        <main id={MAIN_ID} className="mx-auto grid max-w-4xl gap-6 px-4 py-8 outline-none sm:px-6">
          <div>
            <h1 tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
              {t('title')}
            </h1>
            <p className="text-sm text-muted-foreground">{t('description')}</p>
          </div>
          <Card>
            <CardContent className="p-0">
              {organizations.length === 0 ? (
                <div className="flex flex-col items-center gap-2 px-6 py-10 text-center">
                  <Building2 className="size-8 text-muted-foreground" aria-hidden="true" />
                  <p className="font-medium">{t('empty.title')}</p>
                  <p className="text-sm text-muted-foreground">
                    {suggestions.length > 0 ? t('empty.withSuggestions') : t('empty.withoutSuggestions')}
                  </p>
                </div>
              ) : (
                <ul className="divide-y" aria-label={t('title')}>
                  {organizations.map((organization) => (
                    <li
                      key={organization.id}
                      className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:px-6"
                    >
                      <div className="flex min-w-0 flex-1 items-start gap-3">
                        <OrganizationMark name={organization.name} />
                        {/* A long name wraps to two lines (the full name in its title), and the badge sits
                          beside the slug, never on top of it. */}
                        <div className="grid min-w-0 flex-1 gap-1">
                          <div
                            className="line-clamp-2 font-medium [overflow-wrap:anywhere]"
                            title={organization.name}
                            data-slot="organization-name"
                          >
                            {organization.name}
                          </div>
                          <div className="flex min-w-0 items-center gap-2">
                            <RoleBadge role={organization.role} />
                            {organization.status === 'suspended' ? <StatusBadge status="suspended" /> : null}
                            <span
                              className="truncate text-sm text-muted-foreground"
                              title={`/${organization.slug}`}
                              data-slot="organization-slug"
                            >
                              /{organization.slug}
                            </span>
                          </div>
                        </div>
                      </div>
                      {organization.status === 'suspended' ? (
                        // A suspended member has no access (docs/rules.md rule 8a): nothing to open or leave.
                        <p className="pl-12 text-sm text-muted-foreground sm:max-w-64 sm:shrink-0 sm:pl-0">
                          {t('suspended')}
                        </p>
                      ) : (
                        <div className="flex flex-wrap items-start gap-2 pl-12 sm:shrink-0 sm:pl-0">
                          {can(organization.role, 'console:access') ? (
                            <Button asChild variant="outline" size="sm">
                              <Link
                                href={`/admin/${organization.slug}/users`}
                                aria-label={t('openConsole', { organization: organization.name })}
                              >
                                {t('adminConsole')}
                                <ArrowRight aria-hidden="true" />
                              </Link>
                            </Button>
                          ) : null}
                          <LeaveOrganization
                            organizationId={organization.id}
                            organizationName={organization.name}
                            refusal={leaveRefusalText(locale, organization)}
                            size="sm"
                            className="max-w-60"
                          />
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <JoinSuggestions
            suggestions={suggestions.map((suggestion) => ({
              organizationId: suggestion.organizationId,
              name: suggestion.name,
              domain: suggestion.domain,
              requested: suggestion.requested,
            }))}
          />
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>{t('create.title')}</h2>
              </CardTitle>
              <CardDescription>{t('create.description')}</CardDescription>
            </CardHeader>
            <CardContent>
              <CreateOrganizationForm />
            </CardContent>
          </Card>
        </main>
      </div>
    </ClientMessages>
  );
}
