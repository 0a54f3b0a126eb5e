// Who may open the development mailbox (finding 6 of issue 12, SECURITY.md): mailboxAllows, given the
// request's Host, the connection's address and the public URL.
import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, mailboxAllows } from '@/lib/email/mailbox-access';

const LOCAL = 'http://localhost:3000';

function allows(host: string | null, remoteAddress: string | null = '127.0.0.1', publicUrl = LOCAL) {
  return mailboxAllows({ host, remoteAddress, publicUrl });
}

describe('mailboxAllows', () => {
  it('serves a client on this machine that names the public URL’s host and port', () => {
    expect(allows('localhost:3000')).toBe(true);
    expect(allows('LOCALHOST:3000')).toBe(true);
    expect(allows('console.example.com', '127.0.0.1', 'https://console.example.com')).toBe(true);
  });

  it('takes 127.0.0.1, localhost and [::1] for one another on the public port (Next links on localhost)', () => {
    expect(allows('127.0.0.1:3000')).toBe(true);
    expect(allows('[::1]:3000', '::1')).toBe(true);
    expect(allows('localhost:4000', '127.0.0.1', 'http://127.0.0.1:4000')).toBe(true);
    expect(allows('127.0.0.1:4000', '127.0.0.1', 'http://[::1]:4000')).toBe(true);
  });

  it('refuses a rebinding host: attacker.example resolving to 127.0.0.1, with or without the port', () => {
    expect(allows('attacker.example:3000')).toBe(false);
    expect(allows('attacker.example')).toBe(false);
    expect(allows('localhost.attacker.example:3000')).toBe(false);
    expect(allows('127.0.0.1.attacker.example:3000')).toBe(false);
  });

  it('refuses a Host that is not the public URL’s: another port, no port, a loopback name under a public URL', () => {
    expect(allows('localhost:3001')).toBe(false);
    expect(allows('localhost')).toBe(false);
    expect(allows('localhost', '127.0.0.1', 'https://console.example.com')).toBe(false);
    expect(allows('console.example.com:8443', '127.0.0.1', 'https://console.example.com')).toBe(false);
  });

  it('refuses a missing or malformed Host (credentials, a path, spaces, a bad port)', () => {
    for (const host of [
      null,
      '',
      'localhost:3000@attacker.example',
      'attacker.example@localhost:3000',
      'localhost:3000/x',
      'local host:3000',
      'localhost:99999',
      '[::1',
    ]) {
      expect(allows(host), String(host)).toBe(false);
    }
  });

  it('refuses a client elsewhere, whatever Host it names, and one whose address is unknown', () => {
    for (const remote of ['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '10.0.0.1', '', null]) {
      expect(allows('localhost:3000', remote), String(remote)).toBe(false);
    }
  });
});

describe('isLoopbackAddress', () => {
  it('is 127.0.0.0/8 and ::1, also IPv4-mapped, and nothing else', () => {
    const loopback = ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'];
    const other = [
      '128.0.0.1',
      '127.0.0.256',
      '127.0.0',
      '127.0.0.1.5',
      '::ffff:10.0.0.1',
      '::2',
      '0.0.0.0',
      '::',
      'localhost',
    ];
    expect(loopback.filter(isLoopbackAddress)).toEqual(loopback);
    expect(other.filter(isLoopbackAddress)).toEqual([]);
  });
});
