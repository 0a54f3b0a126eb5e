// Checking a SAML response posted to our ACS (the issue's point 4) and reading the person from it.
// Order matters: everything a stranger can send unsigned is only read, never acted on; the signature is
// verified (node-saml, against the connection's one or two certificates) before any check that writes.
// Only then is the request it answers taken (one statement: of two concurrent posts, one wins), and only
// then is the assertion id remembered, so a forged post can neither burn someone's sign-in nor fill the
// table of accepted assertions.
import 'server-only';
import { SAML } from '@node-saml/node-saml';
import { getVerifiedXml, parseDomFromString } from '@node-saml/node-saml/lib/xml';
import type { Database, Transaction } from '@/db/client';
import { now } from '../../clock';
import { rememberAssertion, takeSsoRequest } from '../requests';
import type { SsoAnswer, SsoConnection, SsoRefusal } from '../types';
import { samlAcsUrl } from '../urls';
import { readSignedAssertion, UnreadableAssertionError, type SignedAssertion } from './assertion';
import { samlOptions, SAML_CLOCK_SKEW_MS } from './options';
import { personOf } from './person';
import { cleanDetail, refusalOfNodeSamlError, SamlRefusal as Refusal } from './refusals';
import { readPostedResponse, type PostedResponse } from './posted';

export { serviceProviderMetadata } from './service-provider';

type Refused = Extract<SsoAnswer, { ok: false }>;

/** Reads the ACS form's SAMLResponse for `connection`: accepted with the person and the request it answered, or why not. */
export async function readSamlResponse(
  db: Database | Transaction,
  connection: SsoConnection,
  form: { SAMLResponse?: string; RelayState?: string },
): Promise<SsoAnswer> {
  let claimedRequestId: string | null = null;
  try {
    const posted = readPostedResponse(form.SAMLResponse);
    claimedRequestId = posted.claimedRequestId;
    const assertion = await verifiedAssertion(connection, posted);
    claimedRequestId = assertion.inResponseTo ?? claimedRequestId;
    checkAssertion(connection, posted, assertion);
    const answered = await answeredRequestId(connection, posted, assertion);
    const request = answered ? await takeSsoRequest(db, connection.id, answered) : null;
    if (answered && !request) {
      throw new Refusal(
        'unknown_request',
        'The response answers no sign-in started here for this connection, or one already used or expired.',
      );
    }
    if (!(await rememberAssertion(db, connection.id, assertion.id, rememberUntil(assertion)))) {
      throw new Refusal('replayed', `The assertion ${assertion.id} was already accepted.`);
    }
    return { ok: true, identity: personOf(assertion.nameId!, assertion.attributes), request };
  } catch (error) {
    if (error instanceof Refusal) return refused(error.refusal, error.message, claimedRequestId);
    if (error instanceof UnreadableAssertionError)
      return refused('invalid_response', error.message, claimedRequestId);
    throw error;
  }
}

function refused(refusal: SsoRefusal, detail: string, claimedRequestId: string | null): Refused {
  return { ok: false, refusal, detail: cleanDetail(detail), claimedRequestId };
}

/** node-saml verifies a signature (the response's or the assertion's) and the audience and Conditions' window. */
async function verifiedAssertion(
  connection: SsoConnection,
  posted: PostedResponse,
): Promise<SignedAssertion> {
  if (posted.status !== 'Success') {
    throw new Refusal(
      'provider_error',
      `The identity provider answered ${posted.status}${posted.statusMessage ? `: ${posted.statusMessage}` : ''}.`,
    );
  }
  if (connection.samlCertificates.length === 0)
    throw new Refusal('bad_signature', 'The connection has no certificate.');
  const saml = new SAML(samlOptions(connection));
  let assertionXml: string;
  try {
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: posted.base64 });
    const xml = profile?.getAssertionXml?.();
    if (!xml) throw new Error('Missing SAML assertion');
    assertionXml = xml;
  } catch (error) {
    const { refusal, detail } = refusalOfNodeSamlError(error, posted.hasSignature);
    throw new Refusal(refusal, detail);
  }
  return readSignedAssertion(assertionXml);
}

const late = (at: Date | null, moment: number) => at !== null && moment - SAML_CLOCK_SKEW_MS >= at.getTime();
const early = (at: Date | null, moment: number) => at !== null && moment + SAML_CLOCK_SKEW_MS < at.getTime();

/** The checks node-saml leaves to us, on signed content only, with this server's clock (lib/clock.ts). */
function checkAssertion(connection: SsoConnection, posted: PostedResponse, assertion: SignedAssertion) {
  const acs = samlAcsUrl(connection.id);
  if (posted.destination !== null && posted.destination !== acs) {
    throw new Refusal('wrong_recipient', `The response was sent to ${posted.destination}, not ${acs}.`);
  }
  if (assertion.recipient !== acs) {
    throw new Refusal(
      'wrong_recipient',
      `The assertion is for ${assertion.recipient ?? 'no recipient'}, not ${acs}.`,
    );
  }
  if (connection.samlEntityId && assertion.issuer !== connection.samlEntityId) {
    throw new Refusal(
      'invalid_response',
      `The assertion was issued by ${assertion.issuer ?? 'nobody'}, not ${connection.samlEntityId}.`,
    );
  }
  if (!assertion.nameId) throw new Refusal('invalid_response', 'The assertion names nobody (no NameID).');
  if (!assertion.confirmationNotOnOrAfter)
    throw new Refusal('invalid_response', 'The assertion’s subject confirmation has no NotOnOrAfter.');
  const moment = now().getTime();
  if (late(assertion.notOnOrAfter, moment) || late(assertion.confirmationNotOnOrAfter, moment)) {
    throw new Refusal(
      'expired',
      `The assertion expired at ${[assertion.notOnOrAfter, assertion.confirmationNotOnOrAfter]
        .filter(Boolean)
        .map((at) => at!.toISOString())
        .join(' / ')}.`,
    );
  }
  if (early(assertion.notBefore, moment) || early(assertion.confirmationNotBefore, moment)) {
    throw new Refusal(
      'not_yet_valid',
      `The assertion is valid from ${(assertion.notBefore ?? assertion.confirmationNotBefore)!.toISOString()}.`,
    );
  }
}

/**
 * The request the response answers, from signed content only: the assertion's InResponseTo, else the
 * response's when the response's own signature verifies. An assertion from an IdP-initiated sign-in
 * wrapped in an unsigned response claiming a request is still unsolicited.
 */
async function answeredRequestId(
  connection: SsoConnection,
  posted: PostedResponse,
  assertion: SignedAssertion,
) {
  if (
    assertion.inResponseTo &&
    posted.claimedRequestId &&
    posted.claimedRequestId !== assertion.inResponseTo
  ) {
    throw new Refusal('invalid_response', 'The response and its assertion answer different requests.');
  }
  const answered =
    assertion.inResponseTo ??
    (posted.claimedRequestId ? await signedResponseInResponseTo(connection, posted) : null);
  if (!answered && !connection.allowIdpInitiated) {
    throw new Refusal(
      'unsolicited',
      'The response answers no request (IdP-initiated), which this connection does not allow.',
    );
  }
  return answered;
}

async function signedResponseInResponseTo(
  connection: SsoConnection,
  posted: PostedResponse,
): Promise<string | null> {
  const document = await parseDomFromString(posted.xml);
  const verified = getVerifiedXml(posted.xml, document.documentElement, connection.samlCertificates);
  if (!verified) return null;
  return (await parseDomFromString(verified)).documentElement.getAttribute('InResponseTo') || null;
}

/** An assertion is refused once both windows closed, so its id is kept until then. */
function rememberUntil(assertion: SignedAssertion): Date {
  const ends = [assertion.notOnOrAfter, assertion.confirmationNotOnOrAfter].filter(
    (at): at is Date => at !== null,
  );
  return new Date(Math.max(...ends.map((at) => at.getTime())) + SAML_CLOCK_SKEW_MS);
}
