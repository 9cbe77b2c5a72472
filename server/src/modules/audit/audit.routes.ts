import { pageQuerySchema } from '@cityloop/contracts/pagination';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { listAudit } from './audit.service.js';

export function registerAuditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 / audit log (append-only)',
        querystring: pageQuerySchema.extend({
          action: z.string().optional(),
          objectType: z.string().optional(),
          objectId: z.string().optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return listAudit(deps.db, actor, request.query);
    },
  );
}
