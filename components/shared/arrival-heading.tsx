/**
 * The heading of a list's item that useFocusOnArrival focuses when the item arrives (a domain or a
 * connection just added, or tested): found by `data-arrival-heading`, out of the tab order, no ring.
 */
export function ArrivalHeading({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <h3
      tabIndex={-1}
      data-arrival-heading={id}
      className="min-w-0 font-medium [overflow-wrap:anywhere] outline-none"
    >
      {children}
    </h3>
  );
}
