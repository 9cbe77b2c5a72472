import { pageQuerySchema } from '@cityloop/contracts/pagination';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { createUnit, getUnit, listUnits, lookupUnitOrThrow, updateUnit } from './org.service.js';

const kindSchema = z
  .enum(['district_government', 'city_department', 'enterprise'])
  .describe('区县政府 / 市级部门 / 企事业单位');
const nameSchema = z.string().trim().min(1).max(64);
const aliasesSchema = z.array(z.string().max(64)).max(50);
const phoneSchema = z.string().trim().max(32).nullable();

export function registerOrgRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/units',
    {
      schema: {
        tags: ['org'],
        summary: '处置单位列表 / list handling units',
        querystring: pageQuerySchema.extend({
          kind: kindSchema.optional(),
          q: z.string().max(64).optional().describe('part of a name or alias, whitespace ignored'),
          active: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return listUnits(deps.db, actor.cityCode, request.query);
    },
  );

  app.get(
    '/api/units/lookup',
    {
      schema: {
        tags: ['org'],
        summary: '按名称查找单位 / find a unit by its name or an alias (whitespace ignored)',
        querystring: z.object({ name: z.string().min(1).max(128) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return lookupUnitOrThrow(deps.db, actor.cityCode, request.query.name);
    },
  );

  app.get(
    '/api/units/:id',
    {
      schema: { tags: ['org'], summary: '处置单位 / one handling unit', params: z.object({ id: z.uuid() }) },
    },
    async (request) => {
      const actor = requireActor(request);
      return getUnit(deps.db, actor.cityCode, request.params.id);
    },
  );

  app.post(
    '/api/units',
    {
      schema: {
        tags: ['org'],
        summary: '新增处置单位 / create a handling unit (admin)',
        body: z.object({
          name: nameSchema,
          kind: kindSchema,
          aliases: aliasesSchema.optional(),
          regionId: z.uuid().nullable().optional(),
          phone: phoneSchema.optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      return reply.status(201).send(await createUnit(deps.db, actor, request.body));
    },
  );

  app.patch(
    '/api/units/:id',
    {
      schema: {
        tags: ['org'],
        summary: '修改处置单位 / update a handling unit: name, aliases, kind, active (admin)',
        params: z.object({ id: z.uuid() }),
        body: z.object({
          name: nameSchema.optional(),
          kind: kindSchema.optional(),
          aliases: aliasesSchema.optional(),
          active: z.boolean().optional(),
          regionId: z.uuid().nullable().optional(),
          phone: phoneSchema.optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return updateUnit(deps.db, actor, request.params.id, request.body);
    },
  );
}
