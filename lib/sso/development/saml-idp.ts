// A SAML identity provider built with samlify, for the tests and for `npm run dev` (the development
// identity provider at /dev/sso/saml): its key and self-signed certificate are made at start-up, or
// given. It reads an AuthnRequest and answers it with a response signed as asked (the response, the
// assertion, both or neither), and every part a refusal test needs can be overridden. Never in production,
// but for a trial on this machine (a loopback public URL, the mailbox's rule).
import { randomBytes } from 'node:crypto';
import * as samlify from 'samlify';
import { generate } from 'selfsigned';
import { developmentSamlRefusal } from '../../config/deployment.mjs';
import { declaresDoctype } from '../saml/xml';

export type SamlSigning = 'response' | 'assertion' | 'both' | 'none';

export interface SamlKeyPair {
  privateKey: string;
  certificate: string;
}

/** What a response says; every field a test may change, and otherwise the values a correct IdP sends. */
export interface SamlAnswer {
  /** The request answered (the AuthnRequest's ID); null: IdP-initiated (no InResponseTo anywhere). */
  inResponseTo: string | null;
  /** Where the response is posted: Destination and the bearer confirmation's Recipient. */
  acsUrl: string;
  /** Our SP's entity ID: the Audience. */
  audience: string;
  nameId: string;
  attributes?: Record<string, string[]>;
  signing?: SamlSigning;
  /** Overrides for refusal tests. */
  destination?: string | null;
  recipient?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  issuer?: string;
  signingKey?: SamlKeyPair;
  assertionId?: string;
  statusCode?: string;
}

const ASSERTION_XPATH = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const ATTRIBUTE_NAME_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
const RESPONSE_LIFETIME_MS = 5 * 60_000;

function refuseProduction() {
  const refusal = developmentSamlRefusal();
  if (refusal) throw new Error(refusal);
}

/** A SAML ID: an XML name (never a leading digit). */
export const samlId = () => `_${randomBytes(20).toString('hex')}`;

export async function newSamlKeyPair(label = 'Development identity provider'): Promise<SamlKeyPair> {
  const pems = await generate([{ name: 'commonName', value: label }], { keySize: 2048, algorithm: 'sha256' });
  return { privateKey: pems.private, certificate: pems.cert };
}

let validatorSet = false;
/**
 * samlify validates what it reads with a pluggable XML-schema validator. This one refuses a DOCTYPE and
 * accepts the rest: the development IdP reads only the AuthnRequests this app's own code builds.
 */
function installDoctypeRefusingValidator() {
  if (validatorSet) return;
  samlify.setSchemaValidator({
    validate: (xml: string) =>
      declaresDoctype(xml) ? Promise.reject(new Error('ERR_DOCTYPE_REFUSED')) : Promise.resolve('accepted'),
  });
  validatorSet = true;
}

export class SamlIdentityProvider {
  private readonly idp: samlify.IdentityProviderInstance;

  constructor(
    readonly entityId: string,
    readonly ssoUrl: string,
    readonly keys: SamlKeyPair,
  ) {
    refuseProduction();
    installDoctypeRefusingValidator();
    this.idp = samlify.IdentityProvider({
      entityID: entityId,
      signingCert: keys.certificate,
      privateKey: keys.privateKey,
      nameIDFormat: [EMAIL_FORMAT],
      singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: ssoUrl }],
      wantAuthnRequestsSigned: false,
    });
  }

  /** Its metadata, as an Owner would download it from Okta or Entra. */
  metadata(): string {
    return this.idp.getMetadata();
  }

  /** Reads an HTTP-Redirect SAMLRequest (base64 of deflated XML) with samlify: its ID, issuer and ACS URL. */
  async readAuthnRequest(
    samlRequest: string,
  ): Promise<{ id: string; issuer: string | null; acsUrl: string | null }> {
    const sp = samlify.ServiceProvider({ entityID: 'urn:unknown-service-provider' });
    const { extract } = await this.idp.parseLoginRequest(sp, 'redirect', {
      query: { SAMLRequest: samlRequest },
    });
    const request = extract?.request as { id?: string; assertionConsumerServiceUrl?: string } | undefined;
    if (!request?.id) throw new Error('The SAMLRequest is not an AuthnRequest.');
    return {
      id: request.id,
      issuer: (extract.issuer as string) || null,
      acsUrl: request.assertionConsumerServiceUrl || null,
    };
  }

  /** A base64 SAMLResponse, as posted to the ACS. */
  answer(answer: SamlAnswer): string {
    return Buffer.from(this.answerXml(answer), 'utf8').toString('base64');
  }

  /** The response's XML, signed as `answer.signing` says (default: both). */
  answerXml(answer: SamlAnswer): string {
    const issuedAt = new Date();
    const notOnOrAfter = (
      answer.notOnOrAfter ?? new Date(issuedAt.getTime() + RESPONSE_LIFETIME_MS)
    ).toISOString();
    const { template, values: attributeValues } = attributeStatement(answer.attributes ?? {});
    const xml = samlify.SamlLib.replaceTagsByValue(
      samlify.SamlLib.defaultLoginResponseTemplate.context.replace('{AttributeStatement}', template),
      {
        ID: samlId(),
        AssertionID: answer.assertionId ?? samlId(),
        Destination: answer.destination === undefined ? answer.acsUrl : answer.destination,
        Audience: answer.audience,
        SubjectRecipient: answer.recipient ?? answer.acsUrl,
        Issuer: answer.issuer ?? this.entityId,
        IssueInstant: issuedAt.toISOString(),
        StatusCode: answer.statusCode ?? SUCCESS,
        ConditionsNotBefore: (answer.notBefore ?? issuedAt).toISOString(),
        ConditionsNotOnOrAfter: notOnOrAfter,
        SubjectConfirmationDataNotOnOrAfter: notOnOrAfter,
        NameIDFormat: EMAIL_FORMAT,
        NameID: answer.nameId,
        InResponseTo: answer.inResponseTo,
        AuthnStatement: '',
        ...attributeValues,
      },
    );
    return sign(xml, answer.signing ?? 'both', answer.signingKey ?? this.keys);
  }
}

/** The AttributeStatement with a placeholder for each name and value (samlify escapes what replaces them). */
function attributeStatement(attributes: Record<string, string[]>) {
  const values: Record<string, string> = {};
  const parts = Object.entries(attributes).map(([name, list], index) => {
    values[`attrName${index}`] = name;
    const items = list.map((value, at) => {
      values[`attrValue${index}x${at}`] = value;
      return `<saml:AttributeValue>{attrValue${index}x${at}}</saml:AttributeValue>`;
    });
    return `<saml:Attribute Name="{attrName${index}}" NameFormat="${ATTRIBUTE_NAME_FORMAT}">${items.join('')}</saml:Attribute>`;
  });
  return {
    template: parts.length ? `<saml:AttributeStatement>${parts.join('')}</saml:AttributeStatement>` : '',
    values,
  };
}

function sign(xml: string, signing: SamlSigning, keys: SamlKeyPair): string {
  const config = {
    privateKey: keys.privateKey,
    // samlify wants the certificate's base64 body, as its metadata carries it.
    signingCert: keys.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''),
    signatureAlgorithm: samlify.Constants.algorithms.signature.RSA_SHA256,
    isBase64Output: false,
  };
  let signed = xml;
  if (signing === 'assertion' || signing === 'both') {
    signed = samlify.SamlLib.constructSAMLSignature({
      ...config,
      rawSamlMessage: signed,
      referenceTagXPath: ASSERTION_XPATH,
      signatureConfig: {
        prefix: 'ds',
        location: { reference: `${ASSERTION_XPATH}/*[local-name(.)='Issuer']`, action: 'after' },
      },
    });
  }
  if (signing === 'response' || signing === 'both') {
    signed = samlify.SamlLib.constructSAMLSignature({
      ...config,
      rawSamlMessage: signed,
      isMessageSigned: true,
      signatureConfig: {
        prefix: 'ds',
        location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' },
      },
    });
  }
  return signed;
}

/** A new identity provider with `keys`, or a key pair of its own. */
export async function createSamlIdentityProvider(
  entityId: string,
  ssoUrl: string,
  keys?: SamlKeyPair,
): Promise<SamlIdentityProvider> {
  refuseProduction();
  return new SamlIdentityProvider(entityId, ssoUrl, keys ?? (await newSamlKeyPair()));
}
