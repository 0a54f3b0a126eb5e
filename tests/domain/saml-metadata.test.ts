// An identity provider's SAML metadata (lib/sso/saml/metadata.ts): what is read from it, every refusal
// as a sentence for the Owner, and the fetch by URL with its time-out, size cap, redirect and address
// rules. Also the AuthnRequest a sign-in sends (lib/sso/saml/sign-in.ts).
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SsoConnection } from '@/db/schema';
import { fetchSamlMetadata, parseSamlMetadata, SamlMetadataError } from '@/lib/sso/saml/metadata';
import { samlSignInUrl } from '@/lib/sso/saml/sign-in';
import { samlAcsUrl, samlEntityId } from '@/lib/sso/urls';
import { certificateBody, testKeyPair } from '../support/saml-certificates';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

function keyDescriptor(pem: string, use: string | null = 'signing') {
  return `<md:KeyDescriptor${use ? ` use="${use}"` : ''}><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${certificateBody(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
}

function metadata({
  entityId = 'http://www.okta.com/exk123',
  keys = [] as string[],
  services = [
    [POST, 'https://idp.example.com/sso/post'],
    [REDIRECT, 'https://idp.example.com/sso/redirect'],
  ] as [string, string][],
  role = 'IDPSSODescriptor',
} = {}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:${role} protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    ${keys.join('\n')}
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    ${services.map(([binding, location]) => `<md:SingleSignOnService Binding="${binding}" Location="${location}"/>`).join('\n')}
  </md:${role}>
</md:EntityDescriptor>`;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SamlMetadataError);
    return (error as Error).message;
  }
  throw new Error('expected a SamlMetadataError');
}

let current: string;
let next: string;
let expired: string;

beforeAll(async () => {
  current = (await testKeyPair('current')).certificate;
  next = (await testKeyPair('next')).certificate;
  expired = (
    await testKeyPair('expired', {
      notBeforeDate: new Date(Date.now() - 400 * 86_400_000),
      notAfterDate: new Date(Date.now() - 86_400_000),
    })
  ).certificate;
});

describe('parseSamlMetadata', () => {
  it('reads the entity ID, the HTTP-Redirect sign-in URL over the POST one, and the signing certificate as PEM', () => {
    const read = parseSamlMetadata(metadata({ keys: [keyDescriptor(current)] }));
    expect(read.entityId).toBe('http://www.okta.com/exk123');
    expect(read.ssoUrl).toBe('https://idp.example.com/sso/redirect');
    expect(read.certificates).toHaveLength(1);
    expect(certificateBody(read.certificates[0])).toBe(certificateBody(current));
    expect(read.certificates[0]).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/,
    );
  });

  it('falls back to the HTTP-POST sign-in URL when there is no HTTP-Redirect one', () => {
    const read = parseSamlMetadata(
      metadata({ keys: [keyDescriptor(current)], services: [[POST, 'https://idp.example.com/post']] }),
    );
    expect(read.ssoUrl).toBe('https://idp.example.com/post');
  });

  it('keeps two certificates for rotation, skips encryption keys, counts a key without `use` as signing, and drops duplicates', () => {
    const read = parseSamlMetadata(
      metadata({
        keys: [
          keyDescriptor(current),
          keyDescriptor(current, null),
          keyDescriptor(expired, 'encryption'),
          keyDescriptor(next, null),
        ],
      }),
    );
    expect(read.certificates.map(certificateBody)).toEqual([certificateBody(current), certificateBody(next)]);
  });

  it('keeps an expired certificate (the page warns), but puts valid ones first when there are more than two', () => {
    expect(parseSamlMetadata(metadata({ keys: [keyDescriptor(expired)] })).certificates).toHaveLength(1);
    const read = parseSamlMetadata(
      metadata({ keys: [keyDescriptor(expired), keyDescriptor(current), keyDescriptor(next)] }),
    );
    expect(read.certificates.map(certificateBody)).toEqual([certificateBody(current), certificateBody(next)]);
  });

  it('reads the one EntityDescriptor inside an EntitiesDescriptor', () => {
    const inner = metadata({ keys: [keyDescriptor(current)] }).replace(/^<\?xml[^>]*>\s*/, '');
    const wrapped = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${inner}</md:EntitiesDescriptor>`;
    expect(parseSamlMetadata(wrapped).entityId).toBe('http://www.okta.com/exk123');
  });

  it('refuses several EntityDescriptors: which one is meant would be a guess', () => {
    const inner = metadata({ keys: [keyDescriptor(current)] }).replace(/^<\?xml[^>]*>\s*/, '');
    const two = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${inner}${inner.replace('exk123', 'exk456')}</md:EntitiesDescriptor>`;
    expect(refusal(() => parseSamlMetadata(two))).toMatch(/several entities/);
  });

  it('refuses a service provider’s metadata, saying so', () => {
    expect(
      refusal(() => parseSamlMetadata(metadata({ keys: [keyDescriptor(current)], role: 'SPSSODescriptor' }))),
    ).toMatch(/service provider’s metadata/);
  });

  it('refuses metadata without a sign-in URL, without a signing certificate, or with an unreadable one', () => {
    expect(
      refusal(() => parseSamlMetadata(metadata({ keys: [keyDescriptor(current)], services: [] }))),
    ).toMatch(/no sign-in address/);
    expect(
      refusal(() => parseSamlMetadata(metadata({ keys: [keyDescriptor(current, 'encryption')] }))),
    ).toMatch(/no signing certificate/);
    const broken = `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>bm90IGEgY2VydA==</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
    expect(refusal(() => parseSamlMetadata(metadata({ keys: [broken] })))).toMatch(/could not be read/);
  });

  it('refuses a sign-in URL that is not http(s) (a javascript: URL would run in the person’s browser)', () => {
    const xml = metadata({ keys: [keyDescriptor(current)], services: [[REDIRECT, 'javascript:alert(1)']] });
    expect(refusal(() => parseSamlMetadata(xml))).toMatch(/must start with https/);
  });

  it('refuses a DOCTYPE and entity declarations outright, before any expansion', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE md [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${metadata({ entityId: '&b;', keys: [keyDescriptor(current)] }).replace(/^<\?xml[^>]*>/, '')}`;
    expect(refusal(() => parseSamlMetadata(bomb))).toMatch(/DOCTYPE/);
    const external = `<!doctype x SYSTEM "file:///etc/passwd">${metadata({ keys: [keyDescriptor(current)] }).replace(/^<\?xml[^>]*>/, '')}`;
    expect(refusal(() => parseSamlMetadata(external))).toMatch(/DOCTYPE/);
  });

  it('refuses what is not XML, not metadata, or has no entity ID', () => {
    expect(refusal(() => parseSamlMetadata('{"issuer":"https://idp"}'))).toMatch(
      /not well-formed XML|not SAML metadata/,
    );
    expect(refusal(() => parseSamlMetadata('<html><body>Sign in</body></html>'))).toMatch(
      /not SAML metadata/,
    );
    expect(
      refusal(() =>
        parseSamlMetadata('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"'),
      ),
    ).toMatch(/not well-formed/);
    expect(
      refusal(() => parseSamlMetadata(metadata({ entityId: '', keys: [keyDescriptor(current)] }))),
    ).toMatch(/no entity ID/);
  });

  it('refuses metadata over 1 MB without parsing it', () => {
    const big = metadata({ keys: [keyDescriptor(current)] }).replace(
      '</md:EntityDescriptor>',
      `<!--${'x'.repeat(1024 * 1024)}--></md:EntityDescriptor>`,
    );
    expect(refusal(() => parseSamlMetadata(big))).toMatch(/larger than 1 MB/);
  });
});

describe('fetchSamlMetadata', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, (response: ServerResponse) => void>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const route = routes.get(request.url ?? '');
      if (route) return route(response);
      response.statusCode = 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const xml = metadata({ keys: [keyDescriptor(current)] });
    routes.set('/metadata', (response) => response.end(xml));
    routes.set('/hop/1', (response) => response.writeHead(302, { location: '/metadata' }).end());
    for (const n of [2, 3, 4])
      routes.set(`/hop/${n}`, (response) => response.writeHead(302, { location: `/hop/${n - 1}` }).end());
    routes.set('/elsewhere', (response) =>
      response
        .writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/metadata` })
        .end(),
    );
    routes.set('/endless', (response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    routes.set('/declared-huge', (response) =>
      response.writeHead(200, { 'content-length': String(5 * 1024 * 1024) }).write('<'),
    );
    routes.set('/silent', () => undefined);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function fetchRefusal(url: string, limits?: { timeoutMs?: number }) {
    const caught = await fetchSamlMetadata(url, limits).then(
      () => null,
      (error: unknown) => error,
    );
    expect(caught).toBeInstanceOf(SamlMetadataError);
    return (caught as Error).message;
  }

  it('fetches metadata over http on loopback outside production, and follows up to 3 redirects within the origin', async () => {
    expect(parseSamlMetadata(await fetchSamlMetadata(`${base}/metadata`)).entityId).toBe(
      'http://www.okta.com/exk123',
    );
    expect(parseSamlMetadata(await fetchSamlMetadata(`${base}/hop/3`)).ssoUrl).toBe(
      'https://idp.example.com/sso/redirect',
    );
    expect(await fetchRefusal(`${base}/hop/4`)).toMatch(/too many redirects/);
  });

  it('does not follow a redirect to another host', async () => {
    expect(await fetchRefusal(`${base}/elsewhere`)).toMatch(
      /redirects to another site \(http:\/\/localhost:/,
    );
  });

  it('cuts an endless chunked body at 1 MB, and refuses a declared length over it before reading', async () => {
    const started = Date.now();
    expect(await fetchRefusal(`${base}/endless`)).toMatch(/more than 1024 KB/);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await fetchRefusal(`${base}/declared-huge`)).toMatch(/more than 1024 KB/);
  });

  it('gives up on a host that never answers at its deadline', async () => {
    const started = Date.now();
    expect(await fetchRefusal(`${base}/silent`, { timeoutMs: 300 })).toMatch(/did not answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('says what a non-200 answer and an unreachable host were', async () => {
    expect(await fetchRefusal(`${base}/missing`)).toMatch(/status 404/);
    expect(await fetchRefusal('http://127.0.0.1:1/metadata')).toMatch(/could not be reached/);
    expect(await fetchRefusal('ftp://idp.example.com/metadata')).toMatch(/is not an https address/);
    expect(await fetchRefusal('http://user:pw@127.0.0.1/metadata')).toMatch(/user name or password/);
  });

  it('in production: refuses http, and refuses loopback, private and link-local addresses, literal or by name', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(await fetchRefusal(`${base}/metadata`)).toMatch(/is not an https address/);
    for (const host of [
      '127.0.0.1',
      '10.1.2.3',
      '169.254.169.254',
      '192.168.0.1',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '[fe80::1]',
      '0.0.0.0',
    ]) {
      expect(await fetchRefusal(`https://${host}/metadata`), host).toMatch(
        /this server or a private network/,
      );
    }
    expect(await fetchRefusal('https://localhost:1/metadata')).toMatch(/this server or a private network/);
  });
});

describe('samlSignInUrl', () => {
  it('sends an HTTP-Redirect AuthnRequest whose ID is the request, issued by our entity ID, to our ACS', async () => {
    const connection = {
      id: '6f1c1a8e-7a51-4c1e-9d7e-0b1b2c3d4e5f',
      protocol: 'saml',
      samlSsoUrl: 'https://idp.example.com/sso/redirect?tenant=acme',
      samlCertificates: [current],
    } as SsoConnection;
    const url = new URL(await samlSignInUrl(connection, '_0123456789abcdef0123456789abcdef01234567'));
    expect(url.origin + url.pathname).toBe('https://idp.example.com/sso/redirect');
    expect(url.searchParams.get('tenant')).toBe('acme');
    expect(url.searchParams.has('RelayState')).toBe(false);
    const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    expect(xml).toContain('ID="_0123456789abcdef0123456789abcdef01234567"');
    expect(xml).toContain(`AssertionConsumerServiceURL="${samlAcsUrl(connection.id)}"`);
    expect(xml).toContain(`Destination="https://idp.example.com/sso/redirect?tenant=acme"`);
    expect(xml).toMatch(new RegExp(`<saml:Issuer[^>]*>${samlEntityId(connection.id)}</saml:Issuer>`));
    expect(xml).toContain('Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"');
  });
});
