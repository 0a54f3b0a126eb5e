import type { Metadata } from 'next';
import { LeaveOrganization } from '@/components/home/leave-organization';
import { DeleteOrganization } from '@/components/settings/danger-zone';
import { MemberNotifications } from '@/components/settings/member-notifications';
import { RenameForm } from '@/components/settings/rename-form';
import { SeatLimitForm } from '@/components/settings/seat-limit-form';
import { TransferOwnership } from '@/components/settings/transfer-ownership';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { decideForOrganization, isSoleOwner } from '@/lib/shared/policy';
import { can } from '@/lib/shared/permissions';
import { soleOwnerReason } from '@/lib/shared/offers';
import { seatsInUse } from '@/lib/organizations/seats';
import { endSentence } from '@/lib/shared/text';
import { requireConsole, consoleTitle } from '../guard';
import { PageHeading } from '@/components/console/page-heading';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return consoleTitle((await params).org, 'Settings', 'settings');
}

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, role, ownerCount } = await requireConsole(org, 'settings');
  const owner = can(role, 'org:delete');
  const mayTransfer = decideForOrganization(role, 'transfer_ownership').allowed;
  const used = await seatsInUse(organization.id);
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeading title="Settings">{endSentence(`General settings of ${organization.name}`)}</PageHeading>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>General</h2>
          </CardTitle>
          <CardDescription>
            The organization&apos;s name. Its address, /{organization.slug}, stays the same.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <RenameForm organizationId={organization.id} name={organization.name} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Seats</h2>
          </CardTitle>
          <CardDescription className="[overflow-wrap:anywhere]">
            How many people {organization.name} may have: beyond it, new invitations and reactivations are
            refused. Nobody is removed when the limit is lowered.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SeatLimitForm organizationId={organization.id} seatLimit={organization.seatLimit} used={used} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Notifications</h2>
          </CardTitle>
          <CardDescription className="[overflow-wrap:anywhere]">
            {endSentence(`Emails AI Hub sends to members of ${organization.name}`)}
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
              <h2>Transfer ownership</h2>
            </CardTitle>
            <CardDescription>
              Hand the organization to another member: they become an Owner, and you become an Admin.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <TransferOwnership organizationId={organization.id} organizationName={organization.name} />
          </CardContent>
        </Card>
      ) : null}
      <Card className="border-destructive/40">
        <CardHeader>
          <CardTitle>
            <h2>Danger zone</h2>
          </CardTitle>
          <CardDescription>
            {owner
              ? 'Leave the organization, or delete it with everything in it. An organization always keeps at least one Owner.'
              : 'Leave the organization. Only an Owner can delete it.'}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-start gap-3">
          {/* Narrow, so that a refusal's reason wraps under Leave instead of pushing Delete aside. */}
          <LeaveOrganization
            organizationId={organization.id}
            organizationName={organization.name}
            refusal={isSoleOwner(role, ownerCount) ? soleOwnerReason : null}
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
