import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
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
import { registerCalendarRoutes } from './modules/calendar/index.js';
import { registerCaseRoutes } from './modules/cases/index.js';
import { registerGeoRoutes } from './modules/geo/index.js';
import { registerOrgRoutes } from './modules/org/index.js';
import { registerTaxonomyRoutes } from './modules/taxonomy/index.js';
import { registerAuthHook, registerUserRoutes } from './modules/users/index.js';
import { handleError } from './platform/http/error-handler.js';
import type { App, AppDeps } from './platform/http/server-types.js';

/** The HTTP application without listen(): main.ts serves it, tests inject into it. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ? { redact: ['req.headers.cookie', 'req.headers.authorization'] } : false,
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
  registerAuditRoutes(app, deps);

  if (deps.config.webDist) {
    await app.register(fastifyStatic, { root: deps.config.webDist, wildcard: false });
  }
  return app;
}
