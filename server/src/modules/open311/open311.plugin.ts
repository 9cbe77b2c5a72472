import type { App, AppDeps } from '../../platform/http/server-types.js';
import { registerOpen311Routes } from './open311.routes.js';
import { registerOpen311AdminRoutes } from './open311-admin.routes.js';
import { registerPublicReportRoutes } from './public-report.routes.js';

/** Everything the module serves: /open311/v2, /report (+ /api/public), /api/open311 (console). */
export function registerOpen311(app: App, deps: AppDeps): void {
  registerOpen311Routes(app, deps);
  registerPublicReportRoutes(app, deps);
  registerOpen311AdminRoutes(app, deps);
}
