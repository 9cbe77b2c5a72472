import {
  collectorProfileSchema,
  dayQuerySchema,
  fieldSettingsPatchSchema,
  positionsBatchSchema,
  positionsResultSchema,
  shiftsSchema,
} from '@cityloop/contracts/field';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import type { Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { shanghaiDate } from '../../platform/time.js';
import { registerCampaignRoutes } from './campaigns.routes.js';
import {
  addShifts,
  collectorsPage,
  deleteShift,
  getCollector,
  listShifts,
  saveCollectorProfile,
} from './collectors.service.js';
import { collectorDayMap } from './day-map.service.js';
import { registerIntakeRoutes } from './intake.routes.js';
import { registerPartRoutes } from './parts.routes.js';
import { collectorDayReport, dailyReports } from './patrol-report.service.js';
import { getFieldSettings, updateFieldSettings } from './settings.service.js';
import { checkTrackAccess, dayRange, dayTrack, ingestPositions } from './tracks.service.js';
import { verificationReplyRates } from './verification-rates.service.js';

const managers: readonly Role[] = ['shift_lead', 'admin'];
const readers: readonly Role[] = ['acceptor', 'shift_lead', 'dispatcher', 'admin', 'leader'];
const userParams = z.object({ userId: z.uuid() });
const tags = ['field'];

export function registerFieldRoutes(app: App, deps: AppDeps): void {
  registerIntakeRoutes(app, deps);
  registerPartRoutes(app, deps);
  registerCampaignRoutes(app, deps);
  app.get(
    '/api/field/settings',
    {
      schema: {
        tags,
        summary: '外业参数 / field settings (coverage buffer, gaps, intervals, intake duplicates)',
      },
    },
    async (request) => getFieldSettings(deps.db, requireActor(request).cityCode),
  );
  app.put(
    '/api/field/settings',
    {
      schema: {
        tags,
        summary: '修改外业参数 / change field settings (admin)',
        body: fieldSettingsPatchSchema,
      },
    },
    async (request) => updateFieldSettings(deps, requireActor(request, ['admin']), request.body),
  );

  app.get(
    '/api/field/collectors',
    {
      schema: {
        tags,
        summary:
          '监督员列表 / collectors with contractor, contract package, device, route, current grids and the day’s shifts (paged)',
        querystring: pageQuerySchema.extend({
          contractPackage: z.string().max(100).optional(),
          q: z.string().trim().max(50).optional(),
          day: z.iso.date().optional().describe('whose shifts to list (Shanghai date; default today)'),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, readers);
      const { page, pageSize, day, ...filter } = request.query;
      const now = deps.now();
      const { items, total } = await collectorsPage(
        deps.db,
        actor.cityCode,
        { ...filter, day: dayRange(day ?? shanghaiDate(now)), page, pageSize },
        now,
      );
      return { items, total, page, pageSize };
    },
  );
  app.get(
    '/api/field/collectors/:userId',
    {
      schema: {
        tags,
        summary: '监督员档案 / a collector: device, route, responsibility grids',
        params: userParams,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await checkTrackAccess(deps.db, actor, request.params.userId);
      return getCollector(deps.db, actor.cityCode, request.params.userId, deps.now());
    },
  );
  app.put(
    '/api/field/collectors/:userId',
    {
      schema: {
        tags,
        summary: '设置监督员档案 / set contractor, contract package, device, route and responsibility grids',
        params: userParams,
        body: collectorProfileSchema,
      },
    },
    async (request) =>
      saveCollectorProfile(deps, requireActor(request, managers), request.params.userId, request.body),
  );

  app.post(
    '/api/field/collectors/:userId/shifts',
    { schema: { tags, summary: '排班 / add shifts', params: userParams, body: shiftsSchema } },
    async (request, reply) => {
      const result = await addShifts(
        deps,
        requireActor(request, managers),
        request.params.userId,
        request.body.shifts,
      );
      return reply.status(201).send(result);
    },
  );
  app.get(
    '/api/field/collectors/:userId/shifts',
    {
      schema: {
        tags,
        summary: '班次 / a collector’s shifts on a day',
        params: userParams,
        querystring: z.object({ day: z.iso.date() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await checkTrackAccess(deps.db, actor, request.params.userId);
      const { from, to } = dayRange(request.query.day);
      return { items: await listShifts(deps.db, actor.cityCode, request.params.userId, from, to) };
    },
  );
  app.delete(
    '/api/field/shifts/:id',
    { schema: { tags, summary: '删除班次 / delete a shift', params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      await deleteShift(deps, requireActor(request, managers), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/field/positions',
    {
      schema: {
        tags,
        summary:
          '上传定位 / send GPS positions (batched; idempotent by device+time and by batchId; implausible points dropped and counted)',
        body: positionsBatchSchema,
        response: { 200: positionsResultSchema },
      },
    },
    async (request) => ingestPositions(deps, requireActor(request, ['collector']), request.body),
  );
  app.get(
    '/api/field/collectors/:userId/track',
    {
      schema: {
        tags,
        summary: '当日轨迹 / a collector’s day track as a GeoJSON LineString Feature',
        params: userParams,
        querystring: z.object({ day: z.iso.date() }),
      },
    },
    async (request) => dayTrack(deps, requireActor(request), request.params.userId, request.query.day),
  );
  app.get(
    '/api/field/collectors/:userId/day-map',
    {
      schema: {
        tags,
        summary:
          '巡查日图 / a collector’s day as a GeoJSON FeatureCollection: duty grids, route, track (cut at gaps), start and end',
        params: userParams,
        querystring: z.object({ day: z.iso.date() }),
      },
    },
    async (request) => collectorDayMap(deps, requireActor(request), request.params.userId, request.query.day),
  );
  app.get(
    '/api/field/collectors/:userId/day',
    {
      schema: {
        tags,
        summary: '巡查日报 / online time, distance, route coverage, interval density and 三定 of a day',
        params: userParams,
        querystring: dayQuerySchema,
      },
    },
    async (request) => {
      const { day, ...overrides } = request.query;
      return collectorDayReport(deps, requireActor(request), request.params.userId, day, overrides);
    },
  );
  app.get(
    '/api/field/reports/daily',
    {
      schema: {
        tags,
        summary: '全体监督员巡查日报 / every collector’s day (optionally one contract package)',
        querystring: dayQuerySchema.extend({ contractPackage: z.string().max(100).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request, readers);
      const { day, ...filter } = request.query;
      return { items: await dailyReports(deps.db, actor.cityCode, day, filter) };
    },
  );
  app.get(
    '/api/field/reports/verification-replies',
    {
      schema: {
        tags,
        summary: '核查回复率与及时回复率 / verification reply and on-time rates per collector and month',
        querystring: z.object({ month: z.string().regex(/^[0-9]{4}-[0-9]{2}$/) }),
      },
    },
    async (request) => {
      const actor = requireActor(request, readers);
      return {
        items: await verificationReplyRates(deps.db, actor.cityCode, request.query.month, deps.now()),
      };
    },
  );
}
