import { partChangeSchema, partCodeSchema, partStatusSchema } from '@cityloop/contracts/field';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import type { Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import {
  decidePartChangeRequest,
  getPartByCode,
  importParts,
  listPartChanges,
  partsPage,
  reportPartChange,
} from './parts.service.js';

const tags = ['field'];
const managers: readonly Role[] = ['shift_lead', 'admin'];
const readers: readonly Role[] = ['collector', 'acceptor', 'shift_lead', 'dispatcher', 'admin', 'leader'];

export function registerPartRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/field/parts/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: '部件普查导入 / import parts from CSV or GeoJSON (rejected rows reported with reasons)',
        body: z.object({ format: z.enum(['csv', 'geojson']), content: z.string().min(1) }),
      },
    },
    async (request) => importParts(deps, requireActor(request, managers), request.body),
  );
  app.get(
    '/api/field/parts',
    {
      schema: {
        tags,
        summary: '部件列表 / parts inventory',
        querystring: pageQuerySchema.extend({ status: partStatusSchema.optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request, readers);
      const { rows, total } = await partsPage(deps.db, actor.cityCode, request.query);
      return { items: rows, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
  app.get(
    '/api/field/parts/:code',
    {
      schema: {
        tags,
        summary: '部件详情 / a part by its 16-digit id',
        params: z.object({ code: partCodeSchema }),
      },
    },
    async (request) => getPartByCode(deps.db, requireActor(request, readers).cityCode, request.params.code),
  );

  app.post(
    '/api/field/part-changes',
    {
      schema: {
        tags,
        summary:
          '部件变更上报 / report a new, moved or removed part (timed: 1 working day to report, 3 to apply)',
        body: partChangeSchema,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await reportPartChange(deps, requireActor(request, ['collector']), request.body)),
  );
  app.get(
    '/api/field/part-changes',
    {
      schema: {
        tags,
        summary: '部件变更列表 / part change requests with their timeliness',
        querystring: z.object({ status: z.enum(['pending', 'applied', 'rejected']).optional() }),
      },
    },
    async (request) => ({
      items: await listPartChanges(deps, requireActor(request, managers).cityCode, request.query),
    }),
  );
  app.post(
    '/api/field/part-changes/:id/decision',
    {
      schema: {
        tags,
        summary: '部件变更入库或驳回 / apply a change to the inventory or reject it',
        params: z.object({ id: z.uuid() }),
        body: z.object({ decision: z.enum(['apply', 'reject']) }),
      },
    },
    async (request) =>
      decidePartChangeRequest(
        deps,
        requireActor(request, managers),
        request.params.id,
        request.body.decision,
      ),
  );
}
