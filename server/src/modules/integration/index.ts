// Public entry of the integration module: outbound webhooks (outbox, signed deliveries, retries,
// dead letters) and the monthly exchange with the upper-level platform (省级/国家平台对接).

export { runExchangeNow, runScheduledExchange } from './exchange.service.js';
export { runIntegrationJobs, startIntegrationWorker } from './integration.jobs.js';
export { registerIntegration } from './integration.plugin.js';
export { MAX_ATTEMPTS, verifyWebhook } from './webhook-signature.js';
export { deliverDueWebhooks, sweepOverdue } from './webhooks.service.js';
