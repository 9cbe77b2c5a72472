import { isIP } from 'node:net';
import type { Bilingual } from '../../platform/http/errors.js';

// Where outbound webhooks and the exchange upload may go (SSRF guard, SECURITY.md): only http(s)
// to public unicast addresses. Loopback, private, link-local, unspecified, multicast, reserved and
// cloud metadata addresses are refused, IPv4-mapped and NAT64/6to4-embedded IPv4 by the address
// they carry.
// Pure: the DNS lookup and the connection live in webhook-transport.ts.

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'unspecified'
  | 'multicast'
  | 'metadata'
  | 'reserved';

type Bytes = number[];
type Rule = { network: Bytes; prefix: number; class: AddressClass | 'embedded_v4' | 'v4_in_6to4' };

function parseIpv4(text: string): Bytes | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9][0-9]{0,2})$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

function parseIpv6(text: string): Bytes | null {
  let head = text.toLowerCase();
  const zone = head.indexOf('%');
  if (zone >= 0) head = head.slice(0, zone);
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes two groups.
  const lastColon = head.lastIndexOf(':');
  const tail = head.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    if (!v4) return null;
    head = `${head.slice(0, lastColon + 1)}${((v4[0] as number) * 256 + (v4[1] as number)).toString(16)}:${(
      (v4[2] as number) * 256 + (v4[3] as number)
    ).toString(16)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groupsOf(halves[0] as string);
  const right = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes: Bytes = [];
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return null;
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

function inNetwork(address: Bytes, network: Bytes, prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    const i = Math.floor(bit / 8);
    if (((address[i] as number) & mask) !== ((network[i] as number) & mask)) return false;
  }
  return true;
}

const v4 = (text: string, prefix: number, cls: AddressClass): Rule => ({
  network: parseIpv4(text) as Bytes,
  prefix,
  class: cls,
});
const v6 = (text: string, prefix: number, cls: Rule['class']): Rule => ({
  network: parseIpv6(text) as Bytes,
  prefix,
  class: cls,
});

// First match wins: the single metadata addresses come before the ranges that hold them.
const V4_RULES: Rule[] = [
  v4('169.254.169.254', 32, 'metadata'), // AWS, GCP, Azure, OpenStack, Tencent, Huawei
  v4('169.254.170.2', 32, 'metadata'), // AWS ECS task metadata
  v4('100.100.100.200', 32, 'metadata'), // Alibaba Cloud
  v4('192.0.0.192', 32, 'metadata'), // Oracle Cloud
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'private'), // carrier-grade NAT shared space
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link_local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'reserved'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'),
  v4('198.51.100.0', 24, 'reserved'),
  v4('203.0.113.0', 24, 'reserved'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'), // includes 255.255.255.255
];

const V6_RULES: Rule[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('fd00:ec2::254', 128, 'metadata'), // AWS IMDS over IPv6
  v6('::ffff:0:0', 96, 'embedded_v4'), // IPv4-mapped
  v6('::ffff:0:0:0', 96, 'embedded_v4'), // IPv4-translated (SIIT)
  v6('64:ff9b::', 96, 'embedded_v4'), // NAT64 well-known prefix
  v6('64:ff9b:1::', 48, 'private'), // NAT64 local use
  v6('::', 96, 'reserved'), // IPv4-compatible (deprecated)
  v6('100::', 64, 'reserved'), // discard
  v6('2001::', 32, 'reserved'), // Teredo
  v6('2001:db8::', 32, 'reserved'), // documentation
  v6('2002::', 16, 'v4_in_6to4'),
  v6('fc00::', 7, 'private'), // unique local
  v6('fe80::', 10, 'link_local'),
  v6('fec0::', 10, 'private'), // site-local (deprecated)
  v6('ff00::', 8, 'multicast'),
];
const GLOBAL_UNICAST_V6 = v6('2000::', 3, 'public');

function classifyV4(bytes: Bytes): AddressClass {
  const rule = V4_RULES.find((r) => inNetwork(bytes, r.network, r.prefix));
  return (rule?.class as AddressClass | undefined) ?? 'public';
}

function classifyV6(bytes: Bytes): AddressClass {
  const rule = V6_RULES.find((r) => inNetwork(bytes, r.network, r.prefix));
  if (rule?.class === 'embedded_v4') return classifyV4(bytes.slice(12));
  if (rule?.class === 'v4_in_6to4') return classifyV4(bytes.slice(2, 6));
  if (rule) return rule.class;
  return inNetwork(bytes, GLOBAL_UNICAST_V6.network, GLOBAL_UNICAST_V6.prefix) ? 'public' : 'reserved';
}

/** The class of an IP address (dotted IPv4 or IPv6, brackets allowed); null if it is not one. */
export function classifyAddress(address: string): AddressClass | null {
  const text = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const bytes4 = parseIpv4(text);
  if (bytes4) return classifyV4(bytes4);
  const bytes6 = text.includes(':') ? parseIpv6(text) : null;
  return bytes6 ? classifyV6(bytes6) : null;
}

/** Host names that never need DNS to be known as internal. */
function localName(host: string): AddressClass | null {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (host === 'metadata' || host === 'metadata.google.internal') return 'metadata';
  return null;
}

function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

/** Allowlist entries as the URL parser would spell their host (IPv6 compressed, lower case). */
export function normaliseAllowHosts(entries: readonly string[]): string[] {
  return entries
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        const host = isIP(entry) === 6 ? `[${entry}]` : entry;
        return normaliseHost(new URL(`http://${host}/`).hostname);
      } catch {
        return normaliseHost(entry);
      }
    });
}

export type Refusal =
  | { reason: 'bad_url' | 'scheme' | 'credentials' | 'unresolvable' }
  | { reason: Exclude<AddressClass, 'public'>; address: string };

export type TargetVerdict =
  | { ok: true; hostname: string; literal: boolean; allowlisted: boolean }
  | { ok: false; refusal: Refusal };

/**
 * What can be decided from the URL alone: scheme, credentials, IP literals (the URL parser has
 * already turned decimal, octal and hex IPv4 forms into dotted decimal) and local names. An
 * allowlisted host (explicit configuration, e.g. a receiver on 127.0.0.1 in tests) passes.
 */
export function checkTargetUrl(raw: string, allowHosts: readonly string[]): TargetVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, refusal: { reason: 'bad_url' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, refusal: { reason: 'scheme' } };
  if (url.username || url.password) return { ok: false, refusal: { reason: 'credentials' } };
  const hostname = normaliseHost(url.hostname);
  if (!hostname) return { ok: false, refusal: { reason: 'bad_url' } };
  const literalClass = classifyAddress(hostname);
  const literal = literalClass !== null;
  if (normaliseAllowHosts(allowHosts).includes(hostname))
    return { ok: true, hostname, literal, allowlisted: true };
  const cls = literalClass ?? localName(hostname);
  if (cls && cls !== 'public') return { ok: false, refusal: { reason: cls, address: hostname } };
  return { ok: true, hostname, literal, allowlisted: false };
}

/** The refusal for a resolved address, or null when it is public. */
export function checkResolvedAddress(address: string): Refusal | null {
  const cls = classifyAddress(address);
  if (cls === null) return { reason: 'reserved', address };
  return cls === 'public' ? null : { reason: cls, address };
}

const classNames: Record<Exclude<AddressClass, 'public'>, Bilingual> = {
  loopback: { zh: '本机回环地址', en: 'a loopback address' },
  private: { zh: '内网地址', en: 'a private-network address' },
  link_local: { zh: '链路本地地址', en: 'a link-local address' },
  unspecified: { zh: '未指定地址', en: 'an unspecified address' },
  multicast: { zh: '组播地址', en: 'a multicast address' },
  metadata: { zh: '云平台元数据地址', en: 'a cloud metadata address' },
  reserved: { zh: '保留地址', en: 'a reserved address' },
};

export function refusalMessage(refusal: Refusal): Bilingual {
  switch (refusal.reason) {
    case 'bad_url':
      return { zh: '地址格式不正确', en: 'the URL is malformed' };
    case 'scheme':
      return { zh: '只允许 http 或 https 地址', en: 'only http and https URLs are allowed' };
    case 'credentials':
      return { zh: '地址中不能包含用户名或密码', en: 'the URL must not contain a user name or password' };
    case 'unresolvable':
      return {
        zh: '无法解析该地址的主机名，不能确认其为公网地址',
        en: 'the host name does not resolve, so it cannot be checked to be public',
      };
    default: {
      const name = classNames[refusal.reason];
      return {
        zh: `地址指向${name.zh}（${refusal.address}），出于安全原因不允许`,
        en: `the URL points to ${name.en} (${refusal.address}), which is not allowed`,
      };
    }
  }
}
