// Secrets the database must keep but a copy of it alone must not reveal, sealed with AES-256-GCM under a
// key derived from AUTH_SECRET, one key per purpose: an invitation link's token while its email waits to
// go out (the queued message erases it once sent; the link is otherwise stored only as its hash), and an
// OpenID Connect connection's client secret (lib/sso).
import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { setting } from '@/lib/config/settings.mjs';

/** What a sealed value is for: each purpose has its own key, so one can never be opened as another. */
export type SealPurpose = 'email payload' | 'sso client secret';

/** The keys of the last AUTH_SECRET seen: derived once, not for each of a batch's thousands of links. */
let derived: { secret: string; keys: Map<SealPurpose, Buffer> } | null = null;

function key(purpose: SealPurpose): Buffer {
  const secret = setting('AUTH_SECRET');
  if (!secret) throw new Error(`AUTH_SECRET is not set: cannot seal or open an ${purpose}.`);
  if (derived?.secret !== secret) derived = { secret, keys: new Map() };
  let found = derived.keys.get(purpose);
  if (!found) {
    found = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `aihub ${purpose} v1`, 32));
    derived.keys.set(purpose, found);
  }
  return found;
}

/** `iv.tag.ciphertext`, each base64url. */
export function seal(plain: string, purpose: SealPurpose): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(purpose), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

/** The sealed text, or null when it was sealed under another AUTH_SECRET or purpose, or altered. */
export function unseal(sealed: string, purpose: SealPurpose): string | null {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(purpose), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
