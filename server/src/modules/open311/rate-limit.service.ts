import { AppError } from '../../platform/http/errors.js';
import type { AppDeps } from '../../platform/http/server-types.js';
import { hitWindow } from './open311.repository.js';

/**
 * Fixed-window counter kept in the database, so every app process shares it (DESIGN.md §5:
 * nothing may assume one process). Over the limit → 429 with the seconds until the window ends
 * (the route turns `details.retryAfter` into a Retry-After header).
 */
export async function consumeRate(
  deps: AppDeps,
  bucket: string,
  limit: number,
  windowSeconds: number,
): Promise<void> {
  const now = deps.now().getTime();
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  const hits = await hitWindow(deps.db, bucket, new Date(start));
  if (hits > limit) {
    const retryAfter = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
    throw new AppError(
      429,
      'RATE_LIMITED',
      { zh: `请求过于频繁，请 ${retryAfter} 秒后再试`, en: `too many requests; retry in ${retryAfter} s` },
      { retryAfter },
    );
  }
}
