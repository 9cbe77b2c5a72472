import { partChangeSchema, partCodeSchema, partStatusSchema } from '@cityloop/contracts/field';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import type { Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { decidePartChangeRequest, importParts, reportPartChange } from './parts.service.js';
import { listPartChanges, partDetail, partsPage } from './parts-views.service.js';

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
        summary: '部件列表 / parts inventory by status, category, grid or map box (paged)',
        querystring: pageQuerySchema.extend({
          status: partStatusSchema.optional(),
          categoryCode: z
            .string()
            .regex(/^[0-9]{4}$/, 'a 4-digit part category')
            .optional(),
          gridCode: z
            .string()
            .regex(/^[0-9]{15}$/, 'a 15-digit grid code')
            .optional(),
          bbox: z
            .string()
            .regex(
              /^\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*$/,
              'minLng,minLat,maxLng,maxLat',
            )
            .transform((v) => v.split(',').map(Number) as [number, number, number, number])
            .optional(),
        }),
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
        summary: '部件详情 / a part by its 16-digit id, with its category, grid, district and unit names',
        params: z.object({ code: partCodeSchema }),
      },
    },
    async (request) => partDetail(deps.db, requireActor(request, readers).cityCode, request.params.code),
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
        summary: '部件变更列表 / part change requests with their timeliness (paged, newest first)',
        querystring: pageQuerySchema.extend({
          status: z.enum(['pending', 'applied', 'rejected']).optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, managers);
      const { items, total } = await listPartChanges(deps, actor.cityCode, request.query);
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
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
