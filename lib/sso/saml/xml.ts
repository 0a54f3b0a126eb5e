// Reading XML that a stranger may have written (an identity provider's metadata, a SAML response). SAML
// never needs a document type: a DOCTYPE is where entity expansion ("billion laughs") and external
// entities live, so any document that declares one is refused before a parser sees it.
import { DOMParser } from '@xmldom/xmldom';

export const SAML_METADATA_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const SAML_PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML_ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export class UnsafeXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeXmlError';
  }
}

/** Whether `xml` declares a document type or an entity (anywhere: case and spacing vary). */
export function declaresDoctype(xml: string): boolean {
  return /<!\s*(DOCTYPE|ENTITY)/i.test(xml);
}

/**
 * Parses `xml`, refusing a DOCTYPE and anything the parser only warns about being wrong (a lenient
 * parser's repairs are how two readers of one document come to see different things).
 */
export function parseStrictXml(xml: string): Document {
  if (declaresDoctype(xml))
    throw new UnsafeXmlError('The XML declares a document type, which is not allowed.');
  const fail = (message: string) => {
    throw new UnsafeXmlError(`The XML could not be read: ${message.split('\n')[0]}`);
  };
  const document = new DOMParser({
    locator: {},
    errorHandler: { warning: fail, error: fail, fatalError: fail },
  }).parseFromString(xml, 'text/xml');
  if (!document?.documentElement) throw new UnsafeXmlError('The XML has no root element.');
  return document;
}

/** The child elements of `parent` named `localName` in `namespace` (direct children only). */
export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (element.namespaceURI === namespace && element.localName === localName) found.push(element);
  }
  return found;
}

/** The elements named `localName` in `namespace` anywhere under `root`. */
export function descendantElements(
  root: Element | Document,
  namespace: string,
  localName: string,
): Element[] {
  return Array.from(root.getElementsByTagNameNS(namespace, localName));
}

/** The text of `element` with every text and CDATA node under it joined (comments are not text). */
export function textOf(element: Element): string {
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 || node.nodeType === 4) text += node.nodeValue ?? '';
    else if (node.nodeType === 1) text += textOf(node as Element);
  }
  return text;
}
