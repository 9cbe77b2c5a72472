import { describe, expect, it } from 'vitest';
import {
  checkResolvedAddress,
  checkTargetUrl,
  classifyAddress,
  normaliseAllowHosts,
  refusalMessage,
} from './address-policy.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.1.1', 'link_local'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['101.7.8.9', 'public'],
  ])('IPv4 %s → %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link_local'],
    ['febf:ffff::1', 'link_local'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'multicast'],
    ['fd00:ec2::254', 'metadata'],
    ['2001:db8::1', 'reserved'],
    ['2400:3200::1', 'public'],
    ['[2400:3200::1]', 'public'],
    ['fe80::1%eth0', 'link_local'],
  ])('IPv6 %s → %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('judges IPv4 carried inside IPv6 by the IPv4 address', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('::ffff:a9fe:a9fe')).toBe('metadata');
    expect(classifyAddress('::ffff:192.168.0.1')).toBe('private');
    expect(classifyAddress('::ffff:8.8.8.8')).toBe('public');
    expect(classifyAddress('64:ff9b::10.0.0.1')).toBe('private');
    expect(classifyAddress('64:ff9b::808:808')).toBe('public');
    expect(classifyAddress('2002:7f00:1::')).toBe('loopback');
    expect(classifyAddress('2002:0808:0808::1')).toBe('public');
  });

  it('answers null for what is not an address', () => {
    for (const text of ['example.org', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1::2::3', 'gggg::1'])
      expect(classifyAddress(text)).toBeNull();
  });
});

describe('checkTargetUrl', () => {
  const refused = (url: string, allow: string[] = []) => {
    const verdict = checkTargetUrl(url, allow);
    return verdict.ok ? null : verdict.refusal;
  };

  it('allows public http(s) hosts and names (names are resolved later)', () => {
    expect(checkTargetUrl('https://hooks.example.org/x', [])).toEqual({
      ok: true,
      hostname: 'hooks.example.org',
      literal: false,
      allowlisted: false,
    });
    expect(checkTargetUrl('http://8.8.8.8:8080/hook', [])).toMatchObject({ ok: true, literal: true });
  });

  it('refuses other schemes, credentials and malformed URLs', () => {
    expect(refused('ftp://example.org/x')).toEqual({ reason: 'scheme' });
    expect(refused('file:///etc/passwd')).toEqual({ reason: 'scheme' });
    expect(refused('http://user:pw@example.org/')).toEqual({ reason: 'credentials' });
    expect(refused('not a url')).toEqual({ reason: 'bad_url' });
  });

  it('refuses internal literals, including the decimal, octal and hex forms the URL parser folds', () => {
    expect(refused('http://127.0.0.1/hook')).toEqual({ reason: 'loopback', address: '127.0.0.1' });
    expect(refused('http://169.254.169.254/latest/meta-data/')).toEqual({
      reason: 'metadata',
      address: '169.254.169.254',
    });
    expect(refused('http://2130706433/')).toEqual({ reason: 'loopback', address: '127.0.0.1' });
    expect(refused('http://0177.0.0.1/')).toEqual({ reason: 'loopback', address: '127.0.0.1' });
    expect(refused('http://0x7f.1/')).toEqual({ reason: 'loopback', address: '127.0.0.1' });
    expect(refused('http://0xa9fea9fe/')).toMatchObject({ reason: 'metadata' });
    expect(refused('http://[::1]:8080/')).toEqual({ reason: 'loopback', address: '::1' });
    expect(refused('http://[::ffff:127.0.0.1]/')).toMatchObject({ reason: 'loopback' });
    expect(refused('http://[fe80::1]/')).toMatchObject({ reason: 'link_local' });
    expect(refused('http://[fd00::5]/')).toMatchObject({ reason: 'private' });
    expect(refused('http://0.0.0.0/')).toMatchObject({ reason: 'unspecified' });
    expect(refused('http://10.0.0.8/')).toMatchObject({ reason: 'private' });
    expect(refused('http://localhost:3000/')).toMatchObject({ reason: 'loopback' });
    expect(refused('http://api.localhost./')).toMatchObject({ reason: 'loopback' });
    expect(refused('http://metadata.google.internal/')).toMatchObject({ reason: 'metadata' });
  });

  it('lets an explicitly allowlisted host through, and only that host', () => {
    expect(checkTargetUrl('http://127.0.0.1:4000/x', ['127.0.0.1'])).toMatchObject({
      ok: true,
      allowlisted: true,
    });
    expect(refused('http://127.0.0.2:4000/x', ['127.0.0.1'])).toMatchObject({ reason: 'loopback' });
    expect(checkTargetUrl('http://[::1]/x', ['0:0::1'])).toMatchObject({ ok: true, allowlisted: true });
    expect(checkTargetUrl('http://Receiver.Test/x', [' receiver.test '])).toMatchObject({
      ok: true,
      allowlisted: true,
    });
    expect(normaliseAllowHosts(['', ' 127.0.0.1 ', '::1', 'A.B'])).toEqual(['127.0.0.1', '::1', 'a.b']);
  });
});

describe('checkResolvedAddress and messages', () => {
  it('passes public addresses only', () => {
    expect(checkResolvedAddress('8.8.8.8')).toBeNull();
    expect(checkResolvedAddress('2400:3200::1')).toBeNull();
    expect(checkResolvedAddress('192.168.0.9')).toEqual({ reason: 'private', address: '192.168.0.9' });
    expect(checkResolvedAddress('nonsense')).toEqual({ reason: 'reserved', address: 'nonsense' });
  });

  it('explains every refusal in Chinese and English', () => {
    const message = refusalMessage({ reason: 'metadata', address: '169.254.169.254' });
    expect(message.zh).toContain('元数据');
    expect(message.en).toContain('metadata');
    for (const reason of ['bad_url', 'scheme', 'credentials', 'unresolvable'] as const) {
      const m = refusalMessage({ reason });
      expect(m.zh.length).toBeGreaterThan(0);
      expect(m.en.length).toBeGreaterThan(0);
    }
  });
});
