'use client';

import { useEffect, useRef } from 'react';
import Link from 'next/link';
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { OptionSelect } from '@/components/shared/option-select';
import { pageSizes } from '@/lib/shared/user-table';

const sizeOptions = pageSizes.map((size): [string, string] => [String(size), String(size)]);

/** Rows per page, where you are, and links to the first, previous, next and last pages. */
export function UsersPagination({
  page,
  pageCount,
  pageSize,
  total,
  hrefFor,
  onPageSize,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
  onPageSize: (size: number) => void;
}) {
  // A page link keeps the scroll (scroll={false}: the heading and filters stay put), so after it the
  // new page is shown from the table's top when the person had scrolled past it, not from its bottom.
  const t = useTranslations('users.pagination');
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    const table = document.querySelector('table.ut');
    if (table && table.getBoundingClientRect().top < 0) table.scrollIntoView({ block: 'start' });
  }, [page]);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  // Short classes (app/globals.css, `.ut-page`): the look of an outline icon Button, a fraction of the bytes.
  const link = (target: number, label: string, icon: React.ReactNode, disabled: boolean) =>
    disabled ? (
      <button type="button" className="ut-page" disabled aria-label={label}>
        {icon}
      </button>
    ) : (
      <Link
        href={hrefFor(target)}
        aria-label={label}
        scroll={false}
        className="ut-page"
        onClick={() => {
          moved.current = true;
        }}
      >
        {icon}
      </Link>
    );
  return (
    <nav aria-label={t('label')} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-muted-foreground" aria-live="polite">
        {total === 0 ? t('none') : t('showing', { first, last, total })}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <span className="hidden text-muted-foreground sm:inline" id="rows-per-page">
            {t('rowsPerPage')}
          </span>
          <OptionSelect
            aria-labelledby="rows-per-page"
            aria-label={t('rowsPerPage')}
            className="w-20"
            value={String(pageSize)}
            options={sizeOptions}
            onValueChange={(value) => onPageSize(Number(value))}
          />
        </div>
        <span className="tabular-nums">{t('page', { page, count: pageCount })}</span>
        <div className="flex items-center gap-1">
          {link(1, t('first'), <ChevronsLeft aria-hidden="true" />, page <= 1)}
          {link(page - 1, t('previous'), <ChevronLeft aria-hidden="true" />, page <= 1)}
          {link(page + 1, t('next'), <ChevronRight aria-hidden="true" />, page >= pageCount)}
          {link(pageCount, t('last'), <ChevronsRight aria-hidden="true" />, page >= pageCount)}
        </div>
      </div>
    </nav>
  );
}
