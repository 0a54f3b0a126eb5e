'use client';

import { useTranslations } from 'next-intl';
import { MAIN_ID } from './main-id';

/**
 * "Skip to content": the first thing Tab reaches on every page, hidden until it has focus, so a
 * keyboard user can pass the sidebar and header in one key press. The link alone scrolls to <main>;
 * the click also moves focus there (a <main> is not focusable by itself), so the next Tab continues
 * inside the content rather than from the top of the page.
 */
export function SkipLink() {
  const t = useTranslations('console');
  return (
    <a
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        const main = document.getElementById(MAIN_ID) ?? document.querySelector('main');
        if (!main) return;
        event.preventDefault();
        if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
        main.focus();
        main.scrollIntoView();
      }}
      className="fixed top-2 left-2 z-[100] -translate-y-[200%] rounded-md border bg-background px-4 py-2 text-sm font-medium shadow-md transition-transform focus-visible:translate-y-0 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
    >
      {t('skipLink')}
    </a>
  );
}
