// A secret that must wait in the database until its email goes out (an invitation link's token, which is
// otherwise stored only as its hash): sealed with AES-256-GCM under a key derived from AUTH_SECRET, so
// that a copy of the database alone opens no invitation. The queued message keeps it until it is sent,
// then erases it.
import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { setting } from '@/lib/config/settings.mjs';

const INFO = 'aihub email payload v1';

/** The key of the last AUTH_SECRET seen: derived once, not for each of a batch's thousands of links. */
let derived: { secret: string; key: Buffer } | null = null;

function key(): Buffer {
  const secret = setting('AUTH_SECRET');
  if (!secret) throw new Error('AUTH_SECRET is not set: a queued email cannot carry its link.');
  if (derived?.secret !== secret)
    derived = { secret, key: Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32)) };
  return derived.key;
}

/** `iv.tag.ciphertext`, each base64url. */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

/** The sealed text, or null when it was sealed under another AUTH_SECRET or altered. */
export function unseal(sealed: string): string | null {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
