import { useTranslations } from 'next-intl';
import { characterCount } from '@/lib/shared/character-count';
import { cn } from '@/lib/shared/utils';

/**
 * The count of a field with a length limit ("72/80"), shown near the limit: a field's `maxLength` stops
 * typing without a word, this says why. Polite, so a screen reader hears it when it appears.
 */
export function CharacterCount({ id, value, max }: { id: string; value: string; max: number }) {
  const t = useTranslations('console.characterCount');
  const text = characterCount(value.length, max);
  return (
    <p
      id={id}
      aria-live="polite"
      className={cn(
        'text-xs tabular-nums',
        value.length >= max ? 'text-amber-800 dark:text-amber-300' : 'text-muted-foreground',
      )}
    >
      {text ? (value.length >= max ? t('atLimit', { count: text }) : text) : null}
    </p>
  );
}
