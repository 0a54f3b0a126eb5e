/** The line under a field: its hint, or, when something is wrong with it, what (said at once, as an alert). */
export function FieldHelp({
  id,
  error,
  children,
}: {
  id: string;
  error?: string | null;
  children: React.ReactNode;
}) {
  return (
    <p
      id={id}
      className={error ? 'text-sm text-destructive' : 'text-xs text-muted-foreground'}
      role={error ? 'alert' : undefined}
    >
      {error ?? children}
    </p>
  );
}
