// The one public URL (lib/config/deployment.mjs): the rule itself, and the loopback test that gates the
// development mailbox.
import { describe, expect, it } from 'vitest';
import { ConfigurationError, publicUrl } from '@/lib/config';
import { isLoopbackUrl, isOnPublicUrl } from '@/lib/config/deployment.mjs';

describe('publicUrl', () => {
  it('is http://localhost:<PORT> in development when nothing is set (3000 by default)', () => {
    expect(publicUrl({ NODE_ENV: 'development' })).toBe('http://localhost:3000');
    expect(publicUrl({ NODE_ENV: 'development', PORT: '3001' })).toBe('http://localhost:3001');
    expect(publicUrl({})).toBe('http://localhost:3000');
  });

  it('is required in production', () => {
    expect(() => publicUrl({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => publicUrl({ NODE_ENV: 'production', PORT: '3000' })).toThrow(/APP_URL is not set/);
  });

  it('comes from APP_URL, else AUTH_URL, as an origin without a trailing slash', () => {
    expect(publicUrl({ APP_URL: 'https://Console.Example.com/' })).toBe('https://console.example.com');
    expect(publicUrl({ APP_URL: 'https://console.example.com:443' })).toBe('https://console.example.com');
    expect(publicUrl({ AUTH_URL: 'https://console.example.com/api/auth' })).toBe(
      'https://console.example.com',
    );
    expect(publicUrl({ APP_URL: ' http://[::1]:3000 ' })).toBe('http://[::1]:3000');
  });

  it('refuses APP_URL and AUTH_URL that differ, even only in scheme or port', () => {
    expect(() => publicUrl({ APP_URL: 'https://a.example.com', AUTH_URL: 'http://a.example.com' })).toThrow(
      /differ/,
    );
    expect(() =>
      publicUrl({ APP_URL: 'https://a.example.com', AUTH_URL: 'https://a.example.com:8443' }),
    ).toThrow(/differ/);
    expect(publicUrl({ APP_URL: 'https://a.example.com', AUTH_URL: 'https://a.example.com/api/auth' })).toBe(
      'https://a.example.com',
    );
  });

  it('refuses what is not an http(s) origin', () => {
    for (const value of [
      'console.example.com',
      'ftp://console.example.com',
      'https://u:p@console.example.com',
      'https://console.example.com/app',
      'https://console.example.com/?x=1',
    ]) {
      expect(() => publicUrl({ APP_URL: value }), value).toThrow(ConfigurationError);
    }
  });
});

describe('isLoopbackUrl', () => {
  it('is true for localhost, 127.0.0.0/8 (in any spelling the URL parser knows) and [::1]', () => {
    for (const url of [
      'http://localhost:3000',
      'http://127.0.0.1',
      'http://127.255.0.9:80',
      'http://127.1:3000',
      'http://0x7f.0.0.1',
      'http://[::1]:3000',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
  });

  it('is false for other hosts, including look-alikes', () => {
    for (const url of [
      'https://console.example.com',
      'http://127.0.0.1.nip.io',
      'http://localhost.evil.example',
      'http://10.0.0.1',
      'http://[::2]',
      'http://0.0.0.0:3000',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });
});

describe('isOnPublicUrl (the last check before a sign-in link is emailed)', () => {
  it('accepts links on the public URL, and Next’s localhost spelling of a loopback public URL', () => {
    expect(
      isOnPublicUrl(
        'https://console.example.com/api/auth/callback/email?token=x',
        'https://console.example.com',
      ),
    ).toBe(true);
    expect(
      isOnPublicUrl('http://localhost:4100/api/auth/callback/email?token=x', 'http://127.0.0.1:4100'),
    ).toBe(true);
    expect(isOnPublicUrl('http://localhost:4100/x', 'http://[::1]:4100')).toBe(true);
  });

  it('refuses any other host, scheme or port', () => {
    expect(
      isOnPublicUrl('http://evil.example/api/auth/callback/email?token=x', 'https://console.example.com'),
    ).toBe(false);
    expect(isOnPublicUrl('http://console.example.com/x', 'https://console.example.com')).toBe(false);
    expect(isOnPublicUrl('https://console.example.com.evil.example/x', 'https://console.example.com')).toBe(
      false,
    );
    expect(isOnPublicUrl('http://localhost:4101/x', 'http://127.0.0.1:4100')).toBe(false);
    expect(isOnPublicUrl('http://localhost:4100/x', 'https://console.example.com')).toBe(false);
  });
});
