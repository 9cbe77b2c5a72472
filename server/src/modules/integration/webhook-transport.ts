import { promises as dns, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkResolvedAddress, checkTargetUrl, type Refusal, refusalMessage } from './address-policy.js';

// The network side of the SSRF guard for outbound POSTs (webhooks, and the monthly exchange's
// multipart upload). When a target is saved its host is resolved and every address checked; at
// delivery time the connection's own DNS lookup is the check, so the
// socket goes to exactly the address that was checked (no second lookup for a rebinding DNS
// server to answer differently). Redirects are never followed: a 3xx is a failed attempt.

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** The refusal for a URL (name resolved, every address checked), or null if it may be used. */
export async function vetTarget(
  url: string,
  allowHosts: readonly string[],
  resolve: Resolver = systemResolver,
): Promise<Refusal | null> {
  const verdict = checkTargetUrl(url, allowHosts);
  if (!verdict.ok) return verdict.refusal;
  if (verdict.allowlisted || verdict.literal) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(verdict.hostname);
  } catch {
    return { reason: 'unresolvable' };
  }
  if (addresses.length === 0) return { reason: 'unresolvable' };
  for (const { address } of addresses) {
    const refusal = checkResolvedAddress(address);
    if (refusal) return refusal;
  }
  return null;
}

class RefusedTarget extends Error {
  constructor(readonly refusal: Refusal) {
    super(`refused target: ${refusal.reason}`);
  }
}

/** A `lookup` for http.request that refuses any non-public answer (unless the host is allowlisted). */
function guardedLookup(allowlisted: boolean, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => family === 0 || a.family === family);
        if (usable.length === 0) {
          callback(new RefusedTarget({ reason: 'unresolvable' }), '', 4);
          return;
        }
        if (!allowlisted) {
          for (const { address } of usable) {
            const refusal = checkResolvedAddress(address);
            if (refusal) {
              callback(new RefusedTarget(refusal), '', 4);
              return;
            }
          }
        }
        if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        else callback(null, (usable[0] as LookupAddress).address, (usable[0] as LookupAddress).family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

export interface SendOutcome {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  /** The target was refused by the address policy (nothing was sent). */
  refused: Refusal | null;
}

const RESPONSE_CAP = 64 * 1024;

function refusedOutcome(refusal: Refusal, durationMs: number): SendOutcome {
  const message = refusalMessage(refusal);
  return {
    ok: false,
    httpStatus: null,
    error: `${message.zh} / ${message.en}`,
    durationMs,
    refused: refusal,
  };
}

/** POSTs a body (webhook JSON, exchange multipart) under the address policy; never throws. */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string | Buffer,
  options: { allowHosts: readonly string[]; timeoutMs: number; resolve?: Resolver },
): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const verdict = checkTargetUrl(url, options.allowHosts);
  if (!verdict.ok) return refusedOutcome(verdict.refusal, 0);
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: guardedLookup(verdict.allowlisted, options.resolve ?? systemResolver),
          signal: AbortSignal.timeout(options.timeoutMs),
        },
        resolve,
      );
      req.on('error', reject);
      req.end(body);
    });
    // Read (and drop) a bounded amount of the answer so the socket is released.
    await new Promise<void>((resolve) => {
      let seen = 0;
      response.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > RESPONSE_CAP) response.destroy();
      });
      response.on('end', resolve);
      response.on('close', resolve);
      response.on('error', () => resolve());
    });
    const status = response.statusCode ?? 0;
    const ok = status >= 200 && status < 300;
    return {
      ok,
      httpStatus: status,
      error: ok ? null : `HTTP ${status}`,
      durationMs: elapsed(),
      refused: null,
    };
  } catch (error) {
    if (error instanceof RefusedTarget) return refusedOutcome(error.refusal, elapsed());
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      ok: false,
      httpStatus: null,
      error: message.slice(0, 500),
      durationMs: elapsed(),
      refused: null,
    };
  }
}
