import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import {
  computeDeadline,
  getCalendarYear,
  importCalendarYear,
  setCalendarDay,
  updateCalendarSettings,
} from './calendar.service.js';

const yearSchema = z.coerce.number().int().describe('年份（北京时间）');
const daySchema = z.iso.date().describe('日期 YYYY-MM-DD（北京时间）');
const kindSchema = z.enum(['holiday', 'workday']).describe('holiday 节假日 / workday 调休上班');
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .describe('HH:MM（北京时间）');
const workPeriodSchema = z.object({ start: hhmm, end: hhmm });
const warningShareSchema = z.number().gt(0).lt(1).describe('黄灯预警比例，如 0.8 = 时限过去 80% 时预警');
const nameSchema = z.string().max(50).describe('节日名称，如 国庆节');
const calendarDaySchema = z.object({ day: daySchema, kind: kindSchema, name: nameSchema });
const settingsSchema = z.object({
  workPeriods: z.array(workPeriodSchema).min(1).max(6),
  warningShare: warningShareSchema,
});

export function registerCalendarRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/calendar/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: '某年的工作日历：节假日、调休上班日、工作时段 / working calendar of a year',
        params: z.object({ year: yearSchema }),
        response: {
          200: settingsSchema.extend({
            year: z.number().int(),
            known: z.boolean().describe('是否已载入该年的官方放假安排；否则按周一至周五估算'),
            source: z.string().nullable(),
            days: z.array(calendarDaySchema),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return getCalendarYear(deps.db, actor.cityCode, request.params.year);
    },
  );

  app.put(
    '/api/calendar/days/:day',
    {
      schema: {
        tags: ['calendar'],
        summary: '设置某日为节假日或调休上班日（kind 为 null 则恢复按星期） / set or clear one date',
        params: z.object({ day: daySchema }),
        body: z.object({ kind: kindSchema.nullable(), name: nameSchema.optional() }),
        response: { 200: z.object({ day: daySchema, kind: kindSchema.nullable(), name: z.string() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return setCalendarDay(deps.db, actor, { day: request.params.day, ...request.body });
    },
  );

  app.post(
    '/api/calendar/years/:year/import',
    {
      schema: {
        tags: ['calendar'],
        summary: '导入某年的官方放假安排（替换该年全部记录） / import a year’s official schedule',
        params: z.object({ year: yearSchema }),
        body: z.object({
          days: z.array(calendarDaySchema.extend({ name: nameSchema.default('') })).max(366),
        }),
        response: {
          200: z.object({
            year: z.number().int(),
            source: z.string(),
            holidays: z.number().int(),
            workdays: z.number().int(),
            replaced: z.number().int().describe('被替换的原有记录数'),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return importCalendarYear(deps.db, actor, { year: request.params.year, days: request.body.days });
    },
  );

  app.put(
    '/api/calendar/settings',
    {
      schema: {
        tags: ['calendar'],
        summary: '设置每日工作时段与黄灯预警比例 / set work periods and warning share',
        body: settingsSchema,
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return updateCalendarSettings(deps.db, actor, request.body);
    },
  );

  app.get(
    '/api/calendar/deadline',
    {
      schema: {
        tags: ['calendar'],
        summary: '按工作时间预算截止时间 / preview a deadline in working time',
        querystring: z.object({
          start: z.iso.datetime({ offset: true }).optional().describe('开始时间（ISO 8601），默认为当前时间'),
          amount: z.coerce.number().min(0),
          unit: z.enum(['minute', 'hour', 'day']).describe('minute 分钟 / hour 工作时 / day 工作日'),
        }),
        response: {
          200: z.object({
            at: z.date(),
            estimated: z.boolean().describe('是否经过尚未载入官方放假安排的年份（按周一至周五估算）'),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { start, amount, unit } = request.query;
      return computeDeadline(deps.db, actor.cityCode, start ? new Date(start) : deps.now(), { amount, unit });
    },
  );
}
