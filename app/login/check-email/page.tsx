import type { Metadata } from 'next';
import Link from 'next/link';
import { MailCheck } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';
import { isMailboxActive } from '@/lib/config';
import { signInAddress } from '@/app/_lib/sign-in-address';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.checkEmail');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function CheckEmailPage() {
  const mailbox = isMailboxActive();
  const address = await signInAddress();
  const t = await getTranslations('auth');
  return (
    <AuthCard
      title={t('checkEmail.title')}
      description={
        address
          ? t.rich('checkEmail.descriptionTo', {
              address,
              strong: (chunks) => <strong className="font-medium break-all text-foreground">{chunks}</strong>,
            })
          : t('checkEmail.description')
      }
      icon={<MailCheck className="size-10 text-muted-foreground" aria-hidden="true" />}
    >
      {mailbox ? (
        <Button asChild>
          <Link href="/dev/mailbox">{t('checkEmail.mailbox')}</Link>
        </Button>
      ) : null}
      <Button asChild variant="ghost">
        <Link href="/login">{t('differentEmail')}</Link>
      </Button>
    </AuthCard>
  );
}
