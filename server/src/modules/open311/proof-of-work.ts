import { createHash } from 'node:crypto';

// A CAPTCHA-free brake on scripted floods: the page must find a nonce such that
// sha256(challenge + nonce) starts with `difficulty` zero bits. It costs a phone a second or two
// and works without any third-party service (no reCAPTCHA reachable in China, none offline).

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function meetsDifficulty(challenge: string, nonce: string, difficulty: number): boolean {
  const digest = createHash('sha256').update(`${challenge}${nonce}`, 'utf8').digest();
  return leadingZeroBits(digest) >= difficulty;
}
