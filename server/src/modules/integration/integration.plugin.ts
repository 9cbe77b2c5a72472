import type { App, AppDeps } from '../../platform/http/server-types.js';
import { onCaseTransition } from '../cases/index.js';
import { registerIntegrationRoutes } from './integration.routes.js';
import { outboxOnTransition } from './webhooks.service.js';

/** Routes, and the outbox listener on case transitions (named, so wiring twice replaces it). */
export function registerIntegration(app: App, deps: AppDeps): void {
  onCaseTransition('integration.webhook-outbox', outboxOnTransition);
  registerIntegrationRoutes(app, deps);
}
