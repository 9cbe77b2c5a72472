import type { AppDeps } from '../../platform/http/server-types.js';
import { runIntakeJob } from './intake.service.js';
import { deleteExpiredChallenges, deleteOldWindows } from './open311.repository.js';

const DAY_MS = 24 * 3600 * 1000;

/** One pass: file pending batch requests; drop spent challenges and old rate-limit windows. */
export async function runOpen311Jobs(deps: AppDeps) {
  const intake = await runIntakeJob(deps);
  const now = deps.now();
  await deleteExpiredChallenges(deps.db, new Date(now.getTime() - DAY_MS));
  await deleteOldWindows(deps.db, new Date(now.getTime() - DAY_MS));
  return intake;
}

/**
 * Runs the pass every `intervalMs` in this process. Safe with several processes: intake rows are
 * leased. A failed pass is logged and retried on the next tick. Returns a stop function that
 * waits for a running pass.
 */
export function startOpen311Worker(deps: AppDeps, log: (error: unknown) => void, intervalMs = 15_000) {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runOpen311Jobs(deps)
      .catch(log)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
