import { Sparkles } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/shared/utils';

/** The AI Hub wordmark. */
export function Logo({ className }: { className?: string }) {
  const t = useTranslations('common');
  return (
    <span
      className={cn(
        'inline-flex shrink-0 items-center gap-2 font-semibold tracking-tight whitespace-nowrap',
        className,
      )}
    >
      <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <Sparkles className="size-4" aria-hidden="true" />
      </span>
      {t('appName')}
    </span>
  );
}
