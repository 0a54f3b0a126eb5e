import { FileQuestion, ShieldX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { AuthCard } from './auth-card';

/** The pages that end a path: what happened, and the one way onward (their words: auth.<kind>). */
const deadEnds = {
  notFound: { Icon: FileQuestion, href: '/' },
  forbidden: { Icon: ShieldX, href: '/' },
};

export function DeadEnd({ kind }: { kind: keyof typeof deadEnds }) {
  const t = useTranslations('auth');
  const { Icon, href } = deadEnds[kind];
  return (
    <AuthCard
      title={t(`${kind}.title`)}
      description={t(`${kind}.description`)}
      way={{ href, label: t(`${kind}.way`) }}
      icon={<Icon className="size-10 text-muted-foreground" aria-hidden="true" />}
    />
  );
}
