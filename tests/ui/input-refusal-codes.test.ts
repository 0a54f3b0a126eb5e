// The Domains and SSO forms' own refusals (lib/shared/domain-validation.ts, sso-validation.ts): the schemas
// answer in English, and a form finds each text's code to say it in the reader's language. The catalogs'
// English must be the schemas' text exactly, or the code would say something else than the action did.
import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/translator';
import { domainInputCode, domainInputMessages } from '@/lib/shared/domain-validation';
import {
  MAX_OIDC_CLIENT_ID,
  MAX_OIDC_CLIENT_SECRET,
  MAX_SSO_CONNECTION_NAME,
  MAX_SSO_URL,
} from '@/lib/shared/limits';
import { ssoInputCode, ssoInputMessages, type SsoInputCode } from '@/lib/shared/sso-validation';

/** The limits the SSO forms pass with each code (components/sso/use-sso-form.ts). */
const maxOf: Record<SsoInputCode, number> = {
  nameTooLong: MAX_SSO_CONNECTION_NAME,
  metadataUrlTooLong: MAX_SSO_URL,
  metadataTooLarge: 1,
  issuerTooLong: MAX_SSO_URL,
  clientIdTooLong: MAX_OIDC_CLIENT_ID,
  clientSecretTooLong: MAX_OIDC_CLIENT_SECRET,
};

describe('the forms’ refusals by code', () => {
  it('the Add domain form: each text has its code, and English says it as the schema does', () => {
    const t = translatorFor('en', 'domains');
    for (const [code, text] of Object.entries(domainInputMessages)) {
      expect(domainInputCode(text)).toBe(code);
      expect(t(`validation.${code as keyof typeof domainInputMessages}`)).toBe(text);
    }
    expect(domainInputCode('Something the server said.')).toBeNull();
  });

  it('the SSO forms: each text has its code, and English says it as the schema does', () => {
    const t = translatorFor('en', 'sso');
    for (const [code, text] of Object.entries(ssoInputMessages) as [SsoInputCode, string][]) {
      expect(ssoInputCode(text)).toBe(code);
      expect(t(`validation.${code}`, { max: maxOf[code] })).toBe(text);
    }
    expect(ssoInputCode('Something the server said.')).toBeNull();
  });

  it('Korean and Japanese say them in their own words, with the same limits', () => {
    for (const locale of ['ko', 'ja'] as const) {
      const t = translatorFor(locale, 'sso');
      const said = t('validation.clientSecretTooLong', { max: MAX_OIDC_CLIENT_SECRET });
      expect(said).toContain('2,000');
      expect(said).not.toMatch(/characters/);
      expect(translatorFor(locale, 'domains')('validation.domainTooLong')).toContain('253');
    }
  });
});
