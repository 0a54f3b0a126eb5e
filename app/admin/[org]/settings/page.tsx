import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LeaveOrganization } from '@/components/home/leave-organization';
import { DeleteOrganization } from '@/components/settings/danger-zone';
import { MemberNotifications } from '@/components/settings/member-notifications';
import { RenameForm } from '@/components/settings/rename-form';
import { SeatLimitForm } from '@/components/settings/seat-limit-form';
import { TransferOwnership } from '@/components/settings/transfer-ownership';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { decideForOrganization, isSoleOwner } from '@/lib/shared/policy';
import { soleOwnerRefusal } from '@/lib/shared/offers';
import { errorText } from '@/app/_lib/error-text';
import { can } from '@/lib/shared/permissions';
import { seatsInUse } from '@/lib/organizations/seats';
import { oneFullStop } from '@/components/shared/full-stop';
import { requireConsole, consoleTitle } from '../guard';
import { PageHeading } from '@/components/console/page-heading';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const t = await getTranslations('settings');
  return consoleTitle((await params).org, t('title'), 'settings');
}

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, role, ownerCount } = await requireConsole(org, 'settings');
  const owner = can(role, 'org:delete');
  const mayTransfer = decideForOrganization(role, 'transfer_ownership').allowed;
  const used = await seatsInUse(organization.id);
  const t = await getTranslations('settings');
  const named = { organization: organization.name };
  // Leave as the home page offers it, without the directory's refusal, which the console never showed here.
  const leaveHeldBack = isSoleOwner(role, ownerCount)
    ? await errorText(soleOwnerRefusal.code, soleOwnerRefusal.message, soleOwnerRefusal.detail)
    : null;
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeading title={t('title')}>{oneFullStop(t('subtitle', named))}</PageHeading>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('general.title')}</h2>
          </CardTitle>
          <CardDescription>{t('general.description', { slug: organization.slug })}</CardDescription>
        </CardHeader>
        <CardContent>
          <RenameForm organizationId={organization.id} name={organization.name} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('seats.title')}</h2>
          </CardTitle>
          <CardDescription className="[overflow-wrap:anywhere]">
            {t('seats.description', named)}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SeatLimitForm organizationId={organization.id} seatLimit={organization.seatLimit} used={used} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('notifications.title')}</h2>
          </CardTitle>
          <CardDescription className="[overflow-wrap:anywhere]">
            {oneFullStop(t('notifications.description', named))}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <MemberNotifications organizationId={organization.id} enabled={organization.notifyMemberChanges} />
        </CardContent>
      </Card>
      {mayTransfer ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t('transfer.title')}</h2>
            </CardTitle>
            <CardDescription>{t('transfer.description')}</CardDescription>
          </CardHeader>
          <CardContent>
            <TransferOwnership organizationId={organization.id} organizationName={organization.name} />
          </CardContent>
        </Card>
      ) : null}
      <Card className="border-destructive/40">
        <CardHeader>
          <CardTitle>
            <h2>{t('danger.title')}</h2>
          </CardTitle>
          <CardDescription>
            {owner ? t('danger.ownerDescription') : t('danger.memberDescription')}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-start gap-3">
          {/* Narrow, so that a refusal's reason wraps under Leave instead of pushing Delete aside. */}
          <LeaveOrganization
            organizationId={organization.id}
            organizationName={organization.name}
            refusal={leaveHeldBack}
            className="max-w-60"
          />
          {owner ? (
            <DeleteOrganization organizationId={organization.id} organizationName={organization.name} />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
