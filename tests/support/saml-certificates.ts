// Self-signed certificates for SAML tests (an identity provider's signing key), cached per label so a
// file generates each once.
import { generate } from 'selfsigned';

export interface TestKeyPair {
  privateKey: string;
  certificate: string;
}

const made = new Map<string, Promise<TestKeyPair>>();

export function testKeyPair(
  label = 'idp',
  validity: { notBeforeDate?: Date; notAfterDate?: Date } = {},
): Promise<TestKeyPair> {
  const key = `${label}:${validity.notBeforeDate?.toISOString()}:${validity.notAfterDate?.toISOString()}`;
  let pair = made.get(key);
  if (!pair) {
    pair = generate([{ name: 'commonName', value: `${label}.test` }], {
      keySize: 2048,
      algorithm: 'sha256',
      ...validity,
    }).then((pems) => ({ privateKey: pems.private, certificate: pems.cert }));
    made.set(key, pair);
  }
  return pair;
}

/** The certificate's base64 body, as metadata carries it. */
export const certificateBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
