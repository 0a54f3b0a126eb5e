// The posted SAMLResponse before any signature is checked: decoded strictly, parsed once without a
// DOCTYPE, and read only for what decides how to refuse it (the status, whether it is signed at all) and
// what a refused Test connection reports (the request it claims to answer). Nothing read here is trusted.
import { SamlRefusal } from './refusals';
import {
  childElements,
  parseStrictXml,
  SAML_ASSERTION_NS,
  SAML_PROTOCOL_NS,
  textOf,
  UnsafeXmlError,
  XMLDSIG_NS,
} from './xml';

/**
 * A response's XML larger than this is refused unread. Real ones are a few kilobytes (Entra's with 150
 * groups, about 20 KB); node-saml took 1.3 s over a 1 MB one whose signature failed
 * (tests/domain/saml-attacks.test.ts prints the figures), and anyone may post to an ACS.
 */
export const SAML_RESPONSE_MAX_BYTES = 256 * 1024;

/**
 * A response with more elements than this is refused unread. node-saml's signature checks look the
 * referenced ID up over the whole document (an XPath `//*[@ID=…]`, once per certificate), which costs
 * about 0.2 ms per element here: 1 MB of small elements kept the server busy for 8 s per post, and 1,960 elements in 564 KB for 1 s. Real
 * responses have tens of elements, a few hundred with a long group list (Entra sends at most 150 groups).
 */
export const SAML_RESPONSE_MAX_ELEMENTS = 1_000;

/** Start tags in `xml`, counted without parsing (anything in CDATA that looks like one counts too). */
function startTags(xml: string): number {
  let count = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at + 1)) {
    const next = xml.charCodeAt(at + 1);
    if (next !== 33 && next !== 63 && next !== 47) count++; // not "!", "?" or "/"
  }
  return count;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const REQUEST_ID = /^[A-Za-z0-9_.-]{1,128}$/;

export interface PostedResponse {
  /** The response as node-saml is given it: exactly the bytes read here. */
  base64: string;
  xml: string;
  /** The request the response claims to answer (unverified; only well-formed ids). */
  claimedRequestId: string | null;
  /** The last part of the top-level StatusCode ("Success", "Requester", …) and the provider's message. */
  status: string;
  statusMessage: string | null;
  destination: string | null;
  /** The response or its assertion carries a Signature element (valid or not). */
  hasSignature: boolean;
}

const invalid = (detail: string) => new SamlRefusal('invalid_response', detail);

export function readPostedResponse(raw: string | undefined): PostedResponse {
  const base64 = (raw ?? '').replace(/\s+/g, '');
  if (!base64) throw invalid('The form carries no SAMLResponse.');
  if (base64.length > Math.ceil(SAML_RESPONSE_MAX_BYTES / 3) * 4)
    throw invalid(`The response is larger than ${SAML_RESPONSE_MAX_BYTES / 1024} KB.`);
  if (!BASE64.test(base64) || base64.length % 4 !== 0) throw invalid('The SAMLResponse is not base64.');
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(base64, 'base64'));
  } catch {
    throw invalid('The response is not UTF-8 text.');
  }
  if (startTags(xml) > SAML_RESPONSE_MAX_ELEMENTS) {
    throw invalid(`The response has more than ${SAML_RESPONSE_MAX_ELEMENTS} elements.`);
  }
  let root: Element;
  try {
    root = parseStrictXml(xml).documentElement;
  } catch (error) {
    if (error instanceof UnsafeXmlError) throw invalid(error.message);
    throw error;
  }
  if (root.namespaceURI !== SAML_PROTOCOL_NS || root.localName !== 'Response')
    throw invalid('The document is not a SAML Response.');
  const inResponseTo = root.getAttribute('InResponseTo');
  const statusCode = childElements(root, SAML_PROTOCOL_NS, 'Status').flatMap((status) =>
    childElements(status, SAML_PROTOCOL_NS, 'StatusCode'),
  )[0];
  const statusMessage = childElements(root, SAML_PROTOCOL_NS, 'Status').flatMap((status) =>
    childElements(status, SAML_PROTOCOL_NS, 'StatusMessage'),
  )[0];
  const signed = (element: Element) => childElements(element, XMLDSIG_NS, 'Signature').length > 0;
  return {
    base64,
    xml,
    claimedRequestId: inResponseTo && REQUEST_ID.test(inResponseTo) ? inResponseTo : null,
    status: statusCode?.getAttribute('Value')?.split(':').pop() || 'no status',
    statusMessage: statusMessage ? textOf(statusMessage).trim() || null : null,
    destination: root.getAttribute('Destination') || null,
    hasSignature: signed(root) || childElements(root, SAML_ASSERTION_NS, 'Assertion').some(signed),
  };
}
