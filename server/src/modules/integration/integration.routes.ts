import {
  createSubscriptionSchema,
  exchangeRunRequestSchema,
  exchangeSettingsSchema,
} from '@cityloop/contracts/open311';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import {
  getExchangeSettings,
  listExchangeRuns,
  runExchangeNow,
  saveExchangeSettings,
} from './exchange.service.js';
import {
  createSubscription,
  deliverySummary,
  listDeliveries,
  listSubscriptions,
  removeSubscription,
  replayDelivery,
} from './webhooks.service.js';

const idParams = z.object({ id: z.uuid() });
const ADMIN = ['admin'] as const;

/** Outbound integration, administered from the console (系统管理 → 对外接口). */
export function registerIntegrationRoutes(app: App, deps: AppDeps): void {
  const tags = ['integration'];
  app.post(
    '/api/integration/webhooks',
    {
      schema: {
        tags,
        summary: '新增 Webhook 订阅 / subscribe (the signing secret is shown once)',
        body: createSubscriptionSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSubscription(deps, requireActor(request, ADMIN), request.body)),
  );
  app.get(
    '/api/integration/webhooks',
    { schema: { tags, summary: 'Webhook 订阅 / subscriptions (paged)', querystring: pageQuerySchema } },
    async (request) => listSubscriptions(deps, requireActor(request, ADMIN), request.query),
  );
  app.delete(
    '/api/integration/webhooks/:id',
    { schema: { tags, summary: '停用订阅 / unsubscribe', params: idParams } },
    async (request, reply) => {
      await removeSubscription(deps, requireActor(request, ADMIN), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/integration/deliveries',
    {
      schema: {
        tags,
        summary: '投递记录与死信 / deliveries with every attempt (status=dead: the dead-letter list)',
        querystring: pageQuerySchema.extend({
          status: z.enum(['pending', 'delivered', 'dead']).optional(),
        }),
      },
    },
    async (request) => listDeliveries(deps, requireActor(request, ADMIN), request.query),
  );
  app.get(
    '/api/integration/deliveries/summary',
    { schema: { tags, summary: '投递统计 / deliveries per status (pending, delivered, dead)' } },
    async (request) => deliverySummary(deps, requireActor(request, ADMIN)),
  );
  app.post(
    '/api/integration/deliveries/:id/replay',
    { schema: { tags, summary: '死信重发 / replay a dead letter', params: idParams } },
    async (request) => replayDelivery(deps, requireActor(request, ADMIN), request.params.id),
  );

  app.put(
    '/api/integration/exchange/settings',
    {
      schema: {
        tags,
        summary: '上级平台对接设置 / upper-platform target (URL or folder)',
        body: exchangeSettingsSchema,
      },
    },
    async (request) => saveExchangeSettings(deps, requireActor(request, ADMIN), request.body),
  );
  app.get(
    '/api/integration/exchange/settings',
    { schema: { tags, summary: '上级平台对接设置 / target' } },
    async (request) => getExchangeSettings(deps, requireActor(request, ADMIN)),
  );
  app.post(
    '/api/integration/exchange/runs',
    { schema: { tags, summary: '立即上报某月数据 / export a month now', body: exchangeRunRequestSchema } },
    async (request, reply) =>
      reply.status(201).send(await runExchangeNow(deps, requireActor(request, ADMIN), request.body.period)),
  );
  app.get(
    '/api/integration/exchange/runs',
    { schema: { tags, summary: '上报记录 / delivery log (paged)', querystring: pageQuerySchema } },
    async (request) => listExchangeRuns(deps, requireActor(request, ADMIN), request.query),
  );
}
