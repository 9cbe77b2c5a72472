import { createApiKeySchema, moderationSchema } from '@cityloop/contracts/open311';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';
import { intakeOfCase } from './intake-view.service.js';
import { moderateCase } from './public-report.service.js';

/** Console side of Open311: API keys (admin), moderation (值班长/admin), the citizen's contact. */
export function registerOpen311AdminRoutes(app: App, deps: AppDeps): void {
  const tags = ['open311'];
  app.post(
    '/api/open311/keys',
    {
      schema: {
        tags,
        summary: '发放 API 密钥 / issue an Open311 API key (shown once)',
        body: createApiKeySchema,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      const created = await createApiKey(deps.db, actor, actor.cityCode, request.body, deps.now());
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/open311/keys',
    {
      schema: { tags, summary: 'API 密钥列表 / API keys (no secrets, paged)', querystring: pageQuerySchema },
    },
    async (request) => listApiKeys(deps.db, requireActor(request, ['admin']), request.query),
  );

  app.delete(
    '/api/open311/keys/:id',
    { schema: { tags, summary: '吊销 API 密钥 / revoke an API key', params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      await revokeApiKey(deps, requireActor(request, ['admin']), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/open311/moderation/:caseNo',
    {
      schema: {
        tags,
        summary: '公开内容屏蔽/恢复 / hide a case from (or show it again in) public output',
        params: z.object({ caseNo: z.string().min(1).max(40) }),
        body: moderationSchema,
      },
    },
    async (request) =>
      moderateCase(deps, requireActor(request, ['shift_lead', 'admin']), request.params.caseNo, request.body),
  );

  app.get(
    '/api/open311/intake/:caseId',
    {
      schema: {
        tags,
        summary: '公众上报原始信息（含回访电话）/ how a public case came in, with the callback contact',
        params: z.object({ caseId: z.uuid() }),
      },
    },
    async (request) =>
      intakeOfCase(deps, requireActor(request, ['acceptor', 'shift_lead']), request.params.caseId),
  );
}
