// Email addresses as the invite modal and the server both understand them. Pure: the browser imports it
// to mark chips, the server to decide; the server's answer is the one that counts.

// The HTML living standard's valid e-mail address, plus: at most 254 characters, a local part of at most
// 64, labels of at most 63, no dot at either end of the local part or twice in a row, and a dot in the
// domain (a bare host name is never what an admin meant).
import { MAX_EMAIL_LENGTH } from './limits';

const LOCAL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export { MAX_EMAIL_LENGTH };

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidEmail(address: string): boolean {
  if (address.length === 0 || address.length > MAX_EMAIL_LENGTH) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at !== address.indexOf('@')) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => LABEL.test(label))) return false;
  return /[a-z]/.test(labels[labels.length - 1]);
}

/** Splits pasted or typed text into candidate addresses: commas, semicolons and white space separate. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.replace(/^<|>$/g, ''))
    .map(normalizeEmail)
    .filter((part) => part.length > 0);
}

export interface ParsedAddresses {
  /** Valid, normalized, first occurrence kept, in input order. */
  valid: string[];
  /** As entered (trimmed), in input order, without repeats. */
  invalid: string[];
}

/** Normalizes, validates and de-duplicates a list of addresses. */
export function parseAddresses(inputs: readonly string[]): ParsedAddresses {
  const valid: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const address = normalizeEmail(input);
    if (address.length === 0 || seen.has(address)) continue;
    seen.add(address);
    (isValidEmail(address) ? valid : invalid).push(address);
  }
  return { valid, invalid };
}

/**
 * An address in two parts for a display that cuts the middle: the local part (what may be cut) and the
 * domain with its "@" (what is kept in view). Split at the last "@"; text without one is all local part.
 */
export function emailParts(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return at <= 0
    ? { local: address, domain: '' }
    : { local: address.slice(0, at), domain: address.slice(at) };
}
