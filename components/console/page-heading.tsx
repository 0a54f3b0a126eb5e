/**
 * A console page's heading and the sentence under it. The heading can take focus (tabIndex -1) for
 * components/shared/focus-on-page.ts, so that after a navigation a screen reader starts at the page's name.
 */
export function PageHeading({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <h1 tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
        {title}
      </h1>
      <p className="text-sm [overflow-wrap:anywhere] text-muted-foreground">{children}</p>
    </div>
  );
}
