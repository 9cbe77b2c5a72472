import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAuditRoutes } from './modules/audit/index.js';
import { registerBulletinRoutes } from './modules/bulletins/index.js';
import { registerCalendarRoutes } from './modules/calendar/index.js';
import { registerCaseRoutes } from './modules/cases/index.js';
import { registerFieldRoutes } from './modules/field/index.js';
import { registerGeoRoutes } from './modules/geo/index.js';
import { registerHotlineRoutes } from './modules/hotline/index.js';
import { registerIntegration } from './modules/integration/index.js';
import { registerOpen311 } from './modules/open311/index.js';
import { registerOrgRoutes } from './modules/org/index.js';
import { registerStatisticsRoutes } from './modules/statistics/index.js';
import { registerTaxonomyRoutes } from './modules/taxonomy/index.js';
import { registerAuthHook, registerUserRoutes } from './modules/users/index.js';
import { registerVendorRoutes } from './modules/vendors/index.js';
import { handleError } from './platform/http/error-handler.js';
import { serializeRequest } from './platform/http/log-redaction.js';
import type { App, AppDeps } from './platform/http/server-types.js';
import { registerWebApps } from './platform/http/spa-fallback.js';

/** The HTTP application without listen(): main.ts serves it, tests inject into it. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger
      ? {
          redact: ['req.headers.cookie', 'req.headers.authorization'],
          serializers: { req: serializeRequest },
        }
      : false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('actor', null);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.uploadMaxBytes, files: 9 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'CityLoop API', description: '数字城管 + 12345 热线平台接口', version: '0.1.0' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查 / health' } }, async () => ({
    status: 'ok',
    time: deps.now().toISOString(),
  }));
  registerAuthHook(app, deps);
  registerUserRoutes(app, deps);
  registerGeoRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerTaxonomyRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerCaseRoutes(app, deps);
  registerHotlineRoutes(app, deps, { alertWebhookUrl: process.env.CITYLOOP_ALERT_WEBHOOK_URL || undefined });
  registerFieldRoutes(app, deps);
  registerAuditRoutes(app, deps);
  // Monthly figures, assessment, contractors and the bulletin (issue 4).
  registerStatisticsRoutes(app, deps);
  registerVendorRoutes(app, deps);
  registerBulletinRoutes(app, deps);
  registerOpen311(app, deps);
  registerIntegration(app, deps);

  if (deps.config.webDist) await registerWebApps(app, deps.config.webDist);
  return app;
}
