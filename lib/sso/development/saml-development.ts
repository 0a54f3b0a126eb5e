// The development SAML identity provider inside the app (`npm run dev` needs no second process): one
// samlify IdP per server process at /dev/sso/saml, its key made on first use and kept in
// .data/development-saml-idp.json (beside the embedded database, git-ignored), so that a connection
// made with its metadata still works after `npm run dev` restarts. It
// answers only AuthnRequests whose ACS is a SAML connection's on this server's public URL, so it can
// sign a response for nobody else. Its pages share the development mailbox's gate (app/dev/access.ts).
import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { publicUrl } from '../../config';
import { developmentSamlRefusal } from '../../config/deployment.mjs';
import { isValidEmail, normalizeEmail } from '../../shared/email-address';
import { samlAcsUrl, samlEntityId } from '../urls';
import {
  createSamlIdentityProvider,
  newSamlKeyPair,
  type SamlIdentityProvider,
  type SamlKeyPair,
} from './saml-idp';

export const DEVELOPMENT_SAML_PATHS = {
  metadata: '/dev/sso/saml/metadata',
  signIn: '/dev/sso/saml/sign-in',
  answer: '/dev/sso/saml/answer',
} as const;

/** A request the development IdP will not answer; the message says why, to the developer. */
export class DevelopmentSamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevelopmentSamlError';
  }
}

/** Whether the development IdP may run here at all (in production only for a trial on this machine). */
export function developmentSamlIdpRuns(): boolean {
  return developmentSamlRefusal() === null;
}

const KEY_FILE = path.join(process.cwd(), '.data', 'development-saml-idp.json');

/** The development IdP's key pair: the one kept in KEY_FILE, or a new one kept there (in memory if it cannot be). */
async function developmentKeys(): Promise<SamlKeyPair> {
  try {
    const kept = JSON.parse(await fs.readFile(KEY_FILE, 'utf8')) as Partial<SamlKeyPair>;
    if (typeof kept.privateKey === 'string' && typeof kept.certificate === 'string')
      return { privateKey: kept.privateKey, certificate: kept.certificate };
  } catch {
    // none kept yet, or unreadable: make a new one
  }
  const keys = await newSamlKeyPair();
  try {
    await fs.mkdir(path.dirname(KEY_FILE), { recursive: true });
    await fs.writeFile(KEY_FILE, JSON.stringify(keys), { mode: 0o600 });
  } catch (error) {
    console.warn('[sso] could not keep the development SAML key; it lasts until the server stops', error);
  }
  return keys;
}

// Kept on globalThis: `next dev` reloads modules, and a new key would break the connections made with the old one.
const holder = globalThis as typeof globalThis & { developmentSamlIdp?: Promise<SamlIdentityProvider> };

export function developmentSamlIdp(): Promise<SamlIdentityProvider> {
  holder.developmentSamlIdp ??= developmentKeys().then((keys) =>
    createSamlIdentityProvider(
      `${publicUrl()}${DEVELOPMENT_SAML_PATHS.metadata}`,
      `${publicUrl()}${DEVELOPMENT_SAML_PATHS.signIn}`,
      keys,
    ),
  );
  return holder.developmentSamlIdp;
}

const ACS_PATH = /^\/api\/sso\/saml\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/acs$/;

export interface DevelopmentSamlRequest {
  requestId: string;
  acsUrl: string;
  /** The requesting connection's entity ID (lib/sso/urls.ts): the audience of the answer. */
  audience: string;
}

/** Reads a SAMLRequest (HTTP-Redirect) for the development IdP; refuses one whose ACS is not ours. */
export async function readDevelopmentRequest(samlRequest: string): Promise<DevelopmentSamlRequest> {
  if (!samlRequest || samlRequest.length > 16_384)
    throw new DevelopmentSamlError('The sign-in request is missing.');
  let read: Awaited<ReturnType<SamlIdentityProvider['readAuthnRequest']>>;
  try {
    read = await (await developmentSamlIdp()).readAuthnRequest(samlRequest);
  } catch {
    throw new DevelopmentSamlError('The sign-in request could not be read.');
  }
  const acs = read.acsUrl && URL.canParse(read.acsUrl) ? new URL(read.acsUrl) : null;
  const connectionId = acs && acs.origin === publicUrl() ? ACS_PATH.exec(acs.pathname)?.[1] : undefined;
  if (!connectionId || read.acsUrl !== samlAcsUrl(connectionId)) {
    throw new DevelopmentSamlError(
      `The request asks for an answer at ${read.acsUrl ?? 'no address'}; the development identity provider answers only this server’s SAML connections.`,
    );
  }
  if (read.issuer !== samlEntityId(connectionId)) {
    throw new DevelopmentSamlError('The request’s issuer is not the connection its answer would go to.');
  }
  return { requestId: read.id, acsUrl: read.acsUrl, audience: read.issuer };
}

/** The signed response (response and assertion) that signs `email` in, for the browser to post to the ACS. */
export async function answerDevelopmentRequest(
  samlRequest: string,
  email: string,
): Promise<{ acsUrl: string; samlResponse: string }> {
  const address = normalizeEmail(email);
  if (!isValidEmail(address)) throw new DevelopmentSamlError('Type an email address, like ada@acme.test.');
  const request = await readDevelopmentRequest(samlRequest);
  const idp = await developmentSamlIdp();
  const samlResponse = idp.answer({
    inResponseTo: request.requestId,
    acsUrl: request.acsUrl,
    audience: request.audience,
    nameId: address,
    attributes: { email: [address] },
    signing: 'both',
  });
  return { acsUrl: request.acsUrl, samlResponse };
}
