// What a domain an organization claims must be (docs/rules.md, verified domains), and its one spelling:
// lower-case ASCII without a trailing dot, an internationalized name in its punycode form. Refused:
// what is not a domain name (an address, a URL, an IP address, bad labels, more than 253 characters),
// a public suffix itself, and the domains of public email providers. Pure, apart from the lists it reads
// (tldts's copy of the Public Suffix List, the free-email-domains package's list).
import { domainToASCII } from 'node:url';
import freeEmailDomains from 'free-email-domains';
import { parse } from 'tldts';
import { fail } from '../shared/errors';
import { MAX_DOMAIN_INPUT, MAX_DOMAIN_LENGTH } from '../shared/limits';

/**
 * The Public Suffix List's private section counts: `github.io`, `herokuapp.com` or `blogspot.com` are
 * suffixes under which unrelated people hold names, just as `co.uk` is, so they are refused as a whole,
 * and a name under one (`team.github.io`) is a domain of its own.
 */
const SUFFIX_OPTIONS = { allowPrivateDomains: true } as const;

/** A label of an ASCII host name: letters, digits and inner hyphens, 1 to 63 characters. */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

let consumerDomains: Set<string> | undefined;

/** Whether `domain` is a public email provider's, by the free-email-domains list (its own entry, exactly). */
export function isConsumerDomain(domain: string): boolean {
  consumerDomains ??= new Set(freeEmailDomains.map((entry) => entry.toLowerCase()));
  return consumerDomains.has(domain);
}

/**
 * The domain as stored, from what a person typed: trimmed, lower-case, its trailing dot dropped, an
 * internationalized name turned into punycode. Throws DOMAIN_INVALID, DOMAIN_PUBLIC_SUFFIX or
 * DOMAIN_CONSUMER.
 */
export function normalizeDomain(input: string): string {
  if (input.length > MAX_DOMAIN_INPUT) fail('DOMAIN_INVALID');
  const typed = input.trim().toLowerCase().replace(/\.$/, '');
  // '' when the name cannot be a host: a scheme, a path, an @, a space, a forbidden character.
  const ascii = typed && !/[/@:\s]/.test(typed) ? domainToASCII(typed).replace(/\.$/, '') : '';
  if (!ascii || ascii.length > MAX_DOMAIN_LENGTH) fail('DOMAIN_INVALID');
  const labels = ascii.split('.');
  const parsed = parse(ascii, SUFFIX_OPTIONS);
  if (parsed.isIp) fail('DOMAIN_INVALID');
  if (!labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels[labels.length - 1]))
    fail('DOMAIN_INVALID');
  if (!parsed.domain) {
    // The name is a suffix itself: a listed one (`co.uk`, `com`, `github.io`), or a single label.
    if (parsed.publicSuffix === ascii && (parsed.isIcann || parsed.isPrivate)) fail('DOMAIN_PUBLIC_SUFFIX');
    fail('DOMAIN_INVALID');
  }
  if (isConsumerDomain(ascii) || isConsumerDomain(parsed.domain)) fail('DOMAIN_CONSUMER');
  return ascii;
}
