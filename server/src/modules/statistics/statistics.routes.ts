import { centreRoles, type Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { assessmentTableSchema, schemeDefinitionSchema } from './scoring.js';
import {
  addRankingExclusion,
  createScheme,
  endRankingExclusion,
  listRankingExclusions,
  listSchemes,
  monthlyFigures,
  staffScores,
} from './statistics.service.js';

/** Who reads the figures: the command hall and leaders. */
export const figureReaderRoles: readonly Role[] = [...centreRoles, 'leader'];

// The month is checked by pattern here (400); a month that has not begun is refused by the
// service (422) because only it knows "now".
export const monthSchema = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM (01–12) / 月份格式应为 YYYY-MM');

export function registerStatisticsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/stats/monthly',
    {
      schema: {
        tags: ['statistics'],
        summary: '月度统计 / monthly figures (cases, hotline, assessment tables) as of the month end',
        querystring: z.object({
          month: monthSchema,
          asOf: z.iso.datetime({ offset: true }).optional().describe('as-of instant (default: month end)'),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, figureReaderRoles);
      const { month, asOf } = request.query;
      return monthlyFigures(deps.db, actor.cityCode, month, {
        now: deps.now(),
        asOf: asOf ? new Date(asOf) : undefined,
      });
    },
  );

  app.get(
    '/api/stats/staff',
    {
      schema: {
        tags: ['statistics'],
        summary: '人员考核 / monthly scores of collectors, acceptors, shift leads and dispatchers',
        querystring: z.object({ month: monthSchema }),
      },
    },
    async (request) => {
      const actor = requireActor(request, figureReaderRoles);
      return staffScores(deps.db, actor.cityCode, request.query.month, { now: deps.now() });
    },
  );

  app.get(
    '/api/stats/schemes',
    {
      schema: {
        tags: ['statistics'],
        summary: '考核方案 / scoring schemes in force for a month, and every stored version',
        querystring: z.object({ month: monthSchema }),
      },
    },
    async (request) => {
      const actor = requireActor(request, figureReaderRoles);
      return listSchemes(deps.db, actor.cityCode, request.query.month);
    },
  );

  app.post(
    '/api/stats/schemes',
    {
      schema: {
        tags: ['statistics'],
        summary: '新增考核方案版本 / new scheme version (weights must sum to 100%)',
        body: z.object({
          table: assessmentTableSchema,
          name: z.string().trim().min(1).max(100),
          effectiveFrom: monthSchema,
          definition: schemeDefinitionSchema,
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      return reply.status(201).send(await createScheme(deps.db, actor, request.body));
    },
  );

  app.get(
    '/api/stats/ranking-exclusions',
    { schema: { tags: ['statistics'], summary: '暂不参与排名的单位 / units excluded from ranking' } },
    async (request) => {
      const actor = requireActor(request, figureReaderRoles);
      return { items: await listRankingExclusions(deps.db, actor.cityCode) };
    },
  );

  app.post(
    '/api/stats/ranking-exclusions',
    {
      schema: {
        tags: ['statistics'],
        summary: '设为暂不参与排名 / exclude a unit from ranking from a month on',
        body: z.object({
          table: assessmentTableSchema,
          unitId: z.uuid(),
          fromMonth: monthSchema,
          note: z.string().max(100).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      return reply.status(201).send(await addRankingExclusion(deps.db, actor, request.body));
    },
  );

  app.post(
    '/api/stats/ranking-exclusions/:id/end',
    {
      schema: {
        tags: ['statistics'],
        summary: '恢复参与排名 / rank the unit again from a month on',
        params: z.object({ id: z.uuid() }),
        body: z.object({ untilMonth: monthSchema }),
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return endRankingExclusion(deps.db, actor, request.params.id, request.body.untilMonth);
    },
  );
}
