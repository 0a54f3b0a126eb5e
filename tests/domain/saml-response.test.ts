// Every check a SAML response passes before anyone signs in (DESIGN §11, the issue's point 4), against
// the samlify identity provider on PGlite and PostgreSQL: accepted when the response, the assertion or
// both are signed by one of the connection's certificates; refused, each for its own reason, otherwise.
// A refused response never takes the sign-in it claims to answer (it can be retried).
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import type { SsoConnection } from '@/db/schema';
import { advanceClock } from '@/lib/clock';
import { normalizeCertificate } from '@/lib/sso/certificates';
import { newSamlKeyPair, samlId } from '@/lib/sso/development/saml-idp';
import { findSsoRequest, issueSsoRequest } from '@/lib/sso/requests';
import { readSamlResponse, serviceProviderMetadata } from '@/lib/sso/saml/response';
import type { SsoAnswer } from '@/lib/sso/types';
import { samlAcsUrl, samlEntityId } from '@/lib/sso/urls';
import { useTestDatabase } from '../support/db';
import { samlConnection, signInAnswer, testIdentityProvider } from '../support/saml';
import { TEST_BROWSER } from '../support/sso';

useTestDatabase({ workJobs: false });

const MINUTE = 60_000;

async function post(connection: SsoConnection, form: { SAMLResponse: string }) {
  return readSamlResponse(await getDb(), connection, form);
}

function refusalOf(answer: SsoAnswer) {
  expect(answer.ok, answer.ok ? 'expected a refusal' : '').toBe(false);
  return answer.ok ? null : answer.refusal;
}

async function stillOpen(connection: SsoConnection, requestId: string) {
  return (await findSsoRequest(await getDb(), connection.id, requestId))?.usedAt === null;
}

describe('accepted', () => {
  for (const signing of ['response', 'assertion', 'both'] as const) {
    it(`accepts a response when ${signing === 'both' ? 'both the response and the assertion are' : `only the ${signing} is`} signed, and takes the request it answers`, async () => {
      const idp = await testIdentityProvider();
      const connection = await samlConnection(idp);
      const { requestId, form } = await signInAnswer(idp, connection, {
        signing,
        attributes: { displayName: ['Ada Lovelace'] },
      });
      const answer = await post(connection, form);
      expect(answer).toMatchObject({
        ok: true,
        identity: { email: 'ada@acme.test', name: 'Ada Lovelace', subject: 'ada@acme.test' },
        request: { id: requestId, connectionId: connection.id },
      });
      expect(await stillOpen(connection, requestId)).toBe(false);
    });
  }

  it('accepts a signature by either of two certificates (rotation), in either order', async () => {
    const idp = await testIdentityProvider();
    const other = normalizeCertificate((await newSamlKeyPair('next')).certificate)!;
    const current = normalizeCertificate(idp.keys.certificate)!;
    for (const samlCertificates of [
      [other, current],
      [current, other],
    ]) {
      const connection = await samlConnection(idp, { samlCertificates });
      const { form } = await signInAnswer(idp, connection, { signing: 'assertion' });
      expect((await post(connection, form)).ok).toBe(true);
    }
  });
});

describe('refused for its signature', () => {
  it('refuses an unsigned response as unsigned, leaving the sign-in open', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const { requestId, form } = await signInAnswer(idp, connection, { signing: 'none' });
    const answer = await post(connection, form);
    expect(refusalOf(answer)).toBe('unsigned');
    expect(answer).toMatchObject({ claimedRequestId: requestId });
    expect(await stillOpen(connection, requestId)).toBe(true);
  });

  for (const signing of ['response', 'assertion', 'both'] as const) {
    it(`refuses a response signed by a key not among the connection's (${signing} signed) as bad_signature, leaving the sign-in open`, async () => {
      const idp = await testIdentityProvider();
      const connection = await samlConnection(idp);
      const signingKey = await newSamlKeyPair('stranger');
      const { requestId, form } = await signInAnswer(idp, connection, { signing, signingKey });
      expect(refusalOf(await post(connection, form))).toBe('bad_signature');
      expect(await stillOpen(connection, requestId)).toBe(true);
    });
  }
});

describe('refused for what it says', () => {
  it('refuses an assertion for another audience as wrong_audience', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const { requestId, form } = await signInAnswer(idp, connection, { audience: 'https://other.example/sp' });
    expect(refusalOf(await post(connection, form))).toBe('wrong_audience');
    expect(await stillOpen(connection, requestId)).toBe(true);
  });

  it('refuses an assertion whose recipient, or a response whose destination, is another ACS as wrong_recipient', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const other = await samlConnection(idp);
    const recipient = await signInAnswer(idp, connection, { recipient: samlAcsUrl(other.id) });
    expect(refusalOf(await post(connection, recipient.form))).toBe('wrong_recipient');
    const destination = await signInAnswer(idp, connection, { destination: samlAcsUrl(other.id) });
    expect(refusalOf(await post(connection, destination.form))).toBe('wrong_recipient');
    expect(await stillOpen(connection, recipient.requestId)).toBe(true);
  });

  it('accepts an assertion that expired 1 minute ago (within the 2 minutes of skew) and refuses one 3 minutes past as expired', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const past = (minutes: number) => ({
      notBefore: new Date(Date.now() - 10 * MINUTE),
      notOnOrAfter: new Date(Date.now() - minutes * MINUTE),
    });
    expect((await post(connection, (await signInAnswer(idp, connection, past(1))).form)).ok).toBe(true);
    expect(refusalOf(await post(connection, (await signInAnswer(idp, connection, past(3))).form))).toBe(
      'expired',
    );
  });

  it('judges the window by this server’s clock: 6 minutes into a 5-minute assertion is within the skew, 8 is not', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const first = await signInAnswer(idp, connection);
    const second = await signInAnswer(idp, connection);
    advanceClock(6 * MINUTE);
    expect((await post(connection, first.form)).ok).toBe(true);
    advanceClock(2 * MINUTE);
    expect(refusalOf(await post(connection, second.form))).toBe('expired');
  });

  it('accepts an assertion valid from 1 minute ahead and refuses one valid from 3 minutes ahead as not_yet_valid', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const ahead = (minutes: number) => ({ notBefore: new Date(Date.now() + minutes * MINUTE) });
    expect((await post(connection, (await signInAnswer(idp, connection, ahead(1))).form)).ok).toBe(true);
    expect(refusalOf(await post(connection, (await signInAnswer(idp, connection, ahead(3))).form))).toBe(
      'not_yet_valid',
    );
  });

  it('refuses an error status from the identity provider as provider_error, with its code', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const { form } = await signInAnswer(idp, connection, {
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
    });
    const answer = await post(connection, form);
    expect(refusalOf(answer)).toBe('provider_error');
    expect(answer).toMatchObject({ detail: expect.stringContaining('Requester') });
  });

  it('refuses an assertion issued by another entity than the connection’s identity provider', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const { form } = await signInAnswer(idp, connection, { issuer: 'https://someone-else.example/idp' });
    expect(refusalOf(await post(connection, form))).toBe('invalid_response');
  });

  it('refuses what cannot be read as invalid_response: nothing, not base64, not XML, not a Response, over 1 MB', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    for (const SAMLResponse of [
      '',
      'not base64!',
      b64('just text'),
      b64('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'),
      b64(
        `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'x'.repeat(1024 * 1024)}</samlp:Response>`,
      ),
    ]) {
      expect(refusalOf(await post(connection, { SAMLResponse })), SAMLResponse.slice(0, 30)).toBe(
        'invalid_response',
      );
    }
  });
});

describe('the request it answers, once', () => {
  it('refuses the same response posted twice: the second finds its request used (unknown_request)', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const { form } = await signInAnswer(idp, connection);
    expect((await post(connection, form)).ok).toBe(true);
    expect(refusalOf(await post(connection, form))).toBe('unknown_request');
  });

  it('of two concurrent posts of one response, exactly one is accepted', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const { form } = await signInAnswer(idp, connection);
    const answers = await Promise.all([
      post(connection, form),
      post(connection, form),
      post(connection, form),
    ]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
  });

  it('refuses the same assertion in a new response to a new request as replayed', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const assertionId = samlId();
    expect((await post(connection, (await signInAnswer(idp, connection, { assertionId })).form)).ok).toBe(
      true,
    );
    const again = await signInAnswer(idp, connection, { assertionId });
    expect(refusalOf(await post(connection, again.form))).toBe('replayed');
  });

  it('refuses a response to another connection’s request, to an unknown one, and to an expired one as unknown_request', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const other = await samlConnection(idp);
    const db = await getDb();
    const othersRequest = await issueSsoRequest(db, {
      connectionId: other.id,
      purpose: 'sign_in',
      browser: TEST_BROWSER,
    });
    const answer = (inResponseTo: string) => signInAnswer(idp, connection, { inResponseTo });
    expect(refusalOf(await post(connection, (await answer(othersRequest)).form))).toBe('unknown_request');
    expect(await stillOpen(other, othersRequest)).toBe(true);
    expect(refusalOf(await post(connection, (await answer(`_${'0'.repeat(40)}`)).form))).toBe(
      'unknown_request',
    );
    const lapsing = await signInAnswer(idp, connection, { notOnOrAfter: new Date(Date.now() + 30 * MINUTE) });
    advanceClock(11 * MINUTE);
    expect(refusalOf(await post(connection, lapsing.form))).toBe('unknown_request');
  });

  it('refuses an IdP-initiated response as unsolicited unless the connection allows them; then accepts it once', async () => {
    const idp = await testIdentityProvider();
    const closed = await samlConnection(idp);
    expect(
      refusalOf(await post(closed, (await signInAnswer(idp, closed, { inResponseTo: null })).form)),
    ).toBe('unsolicited');
    const open = await samlConnection(idp, { allowIdpInitiated: true });
    const { form } = await signInAnswer(idp, open, { inResponseTo: null });
    expect(await post(open, form)).toMatchObject({ ok: true, request: null });
    expect(refusalOf(await post(open, form))).toBe('replayed');
  });

  it('does not let an unsigned response claim a request for an IdP-initiated assertion (it stays unsolicited, the request open)', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const victim = await signInAnswer(idp, connection);
    const assertionOnly = idp.answerXml({
      inResponseTo: null,
      acsUrl: samlAcsUrl(connection.id),
      audience: samlEntityId(connection.id),
      nameId: 'mallory@acme.test',
      signing: 'assertion',
    });
    const claiming = assertionOnly.replace(
      '<samlp:Response ',
      `<samlp:Response InResponseTo="${victim.requestId}" `,
    );
    const answer = await post(connection, { SAMLResponse: Buffer.from(claiming).toString('base64') });
    expect(refusalOf(answer)).toBe('unsolicited');
    expect(await stillOpen(connection, victim.requestId)).toBe(true);
  });
});

describe('the person', () => {
  it('reads Entra ID’s claims: the address from emailaddress when the NameID is not one, the display name over the UPN', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const claims = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
    const { form } = await signInAnswer(idp, connection, {
      nameId: 'x1Yk3Zq-persistent-id',
      attributes: {
        [`${claims}/name`]: ['ada@acme.test'],
        [`${claims}/emailaddress`]: ['Ada@Acme.test'],
        'http://schemas.microsoft.com/identity/claims/displayname': ['Ada Lovelace'],
        [`${claims}/givenname`]: ['Ada'],
      },
    });
    expect(await post(connection, form)).toMatchObject({
      ok: true,
      identity: { email: 'ada@acme.test', name: 'Ada Lovelace', subject: 'x1Yk3Zq-persistent-id' },
    });
  });

  it('joins the given name and surname when there is no whole name, and keeps every attribute as text without letting `__proto__` near a prototype', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const attributes = JSON.parse(
      '{"givenName":["Grace"],"surname":["Hopper"],"groups":["a","b"],"__proto__":["polluted"]}',
    ) as Record<string, string[]>;
    const { form } = await signInAnswer(idp, connection, { nameId: 'grace@acme.test', attributes });
    const answer = await post(connection, form);
    expect(answer.ok && answer.identity.name).toBe('Grace Hopper');
    expect(answer.ok && Object.getPrototypeOf(answer.identity.attributes)).toBe(null);
    expect(answer.ok && answer.identity.attributes.groups).toEqual(['a', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('has no address when neither the NameID nor an attribute is one (the sign-in path refuses it as no_email)', async () => {
    const idp = await testIdentityProvider();
    const connection = await samlConnection(idp);
    const { form } = await signInAnswer(idp, connection, {
      nameId: 'ada',
      attributes: { mail: ['not an address'] },
    });
    expect(await post(connection, form)).toMatchObject({
      ok: true,
      identity: { email: null, subject: 'ada' },
    });
  });
});

it('serves our SP metadata: entity ID, ACS, an email NameID, signed assertions wanted', async () => {
  const idp = await testIdentityProvider();
  const connection = await samlConnection(idp);
  const xml = serviceProviderMetadata(connection);
  expect(xml).toContain(`entityID="${samlEntityId(connection.id)}"`);
  expect(xml).toMatch(new RegExp(`AssertionConsumerService[^>]*Location="${samlAcsUrl(connection.id)}"`));
  expect(xml).toContain('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
  expect(xml).toContain('WantAssertionsSigned="true"');
});
