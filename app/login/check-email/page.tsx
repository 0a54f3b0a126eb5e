import type { Metadata } from 'next';
import Link from 'next/link';
import { MailCheck } from 'lucide-react';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';
import { isMailboxActive } from '@/lib/config';
import { signInAddress } from '@/app/_lib/sign-in-address';

export const metadata: Metadata = { title: 'Check your email' };
export const dynamic = 'force-dynamic';

export default async function CheckEmailPage() {
  const mailbox = isMailboxActive();
  const address = await signInAddress();
  return (
    <AuthCard
      title="Check your email"
      description={
        <>
          A sign-in link is on its way{address ? ' to ' : ''}
          {address ? <strong className="font-medium break-all text-foreground">{address}</strong> : null}.
          Open it on this device to continue; it works once and expires in 24 hours.
        </>
      }
      icon={<MailCheck className="size-10 text-muted-foreground" aria-hidden="true" />}
    >
      {mailbox ? (
        <Button asChild>
          <Link href="/dev/mailbox">Open the development mailbox</Link>
        </Button>
      ) : null}
      <Button asChild variant="ghost">
        <Link href="/login">Use a different email</Link>
      </Button>
    </AuthCard>
  );
}
