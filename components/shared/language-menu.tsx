'use client';

import { Languages } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { setLanguageAction } from '@/app/actions/language';
import { useCallAction } from '@/components/shared/call-action';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { isLocale, localeNames, locales } from '@/lib/shared/locales';

/**
 * The language menu of the header and of the signed-out pages: each language by its own name. The choice
 * is kept on the account and in a cookie (app/actions/language.ts); the page is rendered again in it.
 */
export function LanguageMenu({ className, compact = false }: { className?: string; compact?: boolean }) {
  const t = useTranslations('common.language');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  const choose = (value: string) => {
    if (!isLocale(value) || value === current) return;
    startTransition(async () => {
      const result = await call(() => setLanguageAction({ locale: value }));
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      router.refresh();
    });
  };
  return (
    // Not modal: a small menu of the header, which leaves the page as it is (nothing hidden from assistive
    // technology behind it) and closes on a click anywhere else.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size={compact ? 'icon-sm' : 'sm'}
          className={className}
          aria-label={`${t('label')}: ${isLocale(current) ? localeNames[current] : current}`}
          disabled={pending}
          data-testid="language-menu"
        >
          <Languages aria-hidden="true" />
          {compact ? null : (
            <span lang={current} className="max-sm:hidden">
              {isLocale(current) ? localeNames[current] : current}
            </span>
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>{t('choose')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={current} onValueChange={choose}>
          {locales.map((locale) => (
            <DropdownMenuRadioItem key={locale} value={locale} lang={locale}>
              {localeNames[locale]}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
