// What this server reads from an assertion once its signature verified: only the signed bytes node-saml
// hands back (its getAssertionXml()), never the posted document around them, so that nothing outside
// the signature (a second assertion, a comment, a wrapper) can change what is read.
import { childElements, descendantElements, parseStrictXml, SAML_ASSERTION_NS, textOf } from './xml';

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export interface SignedAssertion {
  id: string;
  issuer: string | null;
  nameId: string | null;
  /** The bearer SubjectConfirmationData: the ACS it was issued for, its lifetime, the request it answers. */
  recipient: string | null;
  confirmationNotBefore: Date | null;
  confirmationNotOnOrAfter: Date | null;
  inResponseTo: string | null;
  /** The Conditions' window. */
  notBefore: Date | null;
  notOnOrAfter: Date | null;
  /** Every attribute by name, values as text; a null-prototype object, so a `__proto__` name is a name. */
  attributes: Record<string, string[]>;
}

export class UnreadableAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableAssertionError';
  }
}

function time(element: Element | undefined, attribute: string): Date | null {
  const raw = element?.getAttribute(attribute);
  if (!raw) return null;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime()))
    throw new UnreadableAssertionError(`${attribute} is not a time: ${raw.slice(0, 40)}`);
  return at;
}

function only(elements: Element[], what: string): Element | undefined {
  if (elements.length > 1) throw new UnreadableAssertionError(`The assertion has more than one ${what}.`);
  return elements[0];
}

/** Reads the verified assertion `xml` (its root is the Assertion). Throws UnreadableAssertionError. */
export function readSignedAssertion(xml: string): SignedAssertion {
  const root = parseStrictXml(xml).documentElement;
  if (root.namespaceURI !== SAML_ASSERTION_NS || root.localName !== 'Assertion') {
    throw new UnreadableAssertionError('The signed element is not an assertion.');
  }
  const id = root.getAttribute('ID');
  if (!id) throw new UnreadableAssertionError('The assertion has no ID.');
  const issuer = only(childElements(root, SAML_ASSERTION_NS, 'Issuer'), 'Issuer');
  const subject = only(childElements(root, SAML_ASSERTION_NS, 'Subject'), 'Subject');
  const nameId = subject && only(childElements(subject, SAML_ASSERTION_NS, 'NameID'), 'NameID');
  const bearer = subject
    ? childElements(subject, SAML_ASSERTION_NS, 'SubjectConfirmation').filter(
        (c) => c.getAttribute('Method') === BEARER,
      )
    : [];
  const confirmation = only(bearer, 'bearer SubjectConfirmation');
  const data =
    confirmation &&
    only(
      childElements(confirmation, SAML_ASSERTION_NS, 'SubjectConfirmationData'),
      'SubjectConfirmationData',
    );
  const conditions = only(childElements(root, SAML_ASSERTION_NS, 'Conditions'), 'Conditions');
  return {
    id,
    issuer: issuer ? textOf(issuer).trim() : null,
    nameId: nameId ? textOf(nameId).trim() || null : null,
    recipient: data?.getAttribute('Recipient') || null,
    confirmationNotBefore: time(data, 'NotBefore'),
    confirmationNotOnOrAfter: time(data, 'NotOnOrAfter'),
    inResponseTo: data?.getAttribute('InResponseTo') || null,
    notBefore: time(conditions, 'NotBefore'),
    notOnOrAfter: time(conditions, 'NotOnOrAfter'),
    attributes: attributesOf(root),
  };
}

function attributesOf(root: Element): Record<string, string[]> {
  const attributes = Object.create(null) as Record<string, string[]>;
  for (const statement of childElements(root, SAML_ASSERTION_NS, 'AttributeStatement')) {
    for (const attribute of childElements(statement, SAML_ASSERTION_NS, 'Attribute')) {
      const name = attribute.getAttribute('Name');
      if (!name) continue;
      const values = descendantElements(attribute, SAML_ASSERTION_NS, 'AttributeValue').map((value) =>
        textOf(value).trim(),
      );
      attributes[name] = [...(attributes[name] ?? []), ...values];
    }
  }
  return attributes;
}
