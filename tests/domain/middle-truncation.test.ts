// The parts of an address for a display that cuts its middle and keeps the domain in view
// (lib/shared/email-address.ts emailParts, used by components/shared/middle-truncated-email.tsx). Pure.
import { describe, expect, it } from 'vitest';
import { emailParts } from '@/lib/shared/email-address';

describe('an address in two parts, for a middle cut', () => {
  it('splits an 80-character address into the local part (to cut) and the @domain (kept whole)', () => {
    const local = `a-very-long-local-part-${'x'.repeat(15)}`;
    const domain = '@a-long-subdomain.example-organization.test';
    expect(emailParts(`${local}${domain}`)).toEqual({ local, domain });
  });

  it('splits at the last "@", so that a quoted local part with one keeps it', () => {
    expect(emailParts('"a@b"@example.com')).toEqual({ local: '"a@b"', domain: '@example.com' });
  });

  it('leaves text without a domain whole, as the local part (an invalid entry is still shown)', () => {
    expect(emailParts('not-an-address')).toEqual({ local: 'not-an-address', domain: '' });
    expect(emailParts('@example.com')).toEqual({ local: '@example.com', domain: '' });
  });

  it('joins back to the address: nothing is lost for screen readers or copying', () => {
    for (const address of ['ann@example.com', 'not-an-address', 'x@y@z.test']) {
      const { local, domain } = emailParts(address);
      expect(`${local}${domain}`).toBe(address);
    }
  });
});
