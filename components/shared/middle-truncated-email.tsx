import { emailParts } from '@/lib/shared/email-address';
import { cn } from '@/lib/shared/utils';

/**
 * An address on one line that, when too long for its box, is cut in the middle: the local part ends
 * with an ellipsis and the @domain stays in view (it is what tells two long addresses apart). The whole
 * address stays in the text, for screen readers and copying; give the element around it a title.
 */
export function MiddleTruncatedEmail({ email, className }: { email: string; className?: string }) {
  const { local, domain } = emailParts(email);
  return (
    <span className={cn('flex min-w-0', className)}>
      <span data-part="local" className="min-w-0 truncate">
        {local}
      </span>
      {domain ? (
        // A domain longer than most of the box (a phone) wraps onto a second line rather than being cut.
        <span data-part="domain" className="max-w-[85%] shrink-0 wrap-anywhere">
          {domain}
        </span>
      ) : null}
    </span>
  );
}
