import type { AppDeps } from '../../platform/http/server-types.js';
import { runScheduledExchange } from './exchange.service.js';
import { deliverDueWebhooks, sweepOverdue } from './webhooks.service.js';

/** One pass: overdue events, due webhook deliveries, the monthly exchange when it is due. */
export async function runIntegrationJobs(deps: AppDeps) {
  const overdue = await sweepOverdue(deps);
  const webhooks = await deliverDueWebhooks(deps);
  const exchanges = await runScheduledExchange(deps);
  return { overdue, webhooks, exchanges };
}

/**
 * Runs the pass every `intervalMs` in this process. State lives in leased rows, so several
 * processes may run it and a restart resumes where it stopped. Returns a stop function that
 * waits for a running pass.
 */
export function startIntegrationWorker(deps: AppDeps, log: (error: unknown) => void, intervalMs = 10_000) {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runIntegrationJobs(deps)
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
