import {
  appealTypeSchema,
  articleInputSchema,
  hotlineStatusSchema,
  monthSchema,
  orderActionSchema,
  receiveOrderSchema,
} from '@cityloop/contracts/hotline';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { onCaseTransition } from '../cases/index.js';
import { actOnOrder, onLinkedCaseClosed, receiveOrder } from './hotline.service.js';
import { acknowledgeAlert, listAlerts } from './hotline-alerts.service.js';
import {
  listOrders,
  listSubjects,
  listTimeLimits,
  monthlyFiguresFor,
  myOrders,
  orderDetail,
  unitBoardFor,
} from './hotline-queries.service.js';
import { createArticle, getArticle, searchKnowledge, updateArticle } from './knowledge.service.js';
import { hotlineDeskRoles } from './order-workflow.js';

const idParams = z.object({ id: z.uuid() });
const asOfQuery = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('统计截止时间 (default: the month end)');

/**
 * The cases module tells its listeners about every committed step; when a case converted from
 * a work order closes, the order becomes 办结 in that same transaction. Keyed by name, so
 * wiring it again (one app per test) replaces rather than doubles it.
 */
export function registerHotlineCaseLink(): void {
  onCaseTransition('hotline', async (trx, caseRow, transition) => {
    if (transition.toStatus === 'closed') await onLinkedCaseClosed(trx, caseRow, transition.at);
  });
}

export function registerHotlineRoutes(
  app: App,
  deps: AppDeps,
  options: { alertWebhookUrl?: string } = {},
): void {
  registerHotlineCaseLink();

  app.post(
    '/api/hotline/orders',
    {
      schema: {
        tags: ['hotline'],
        summary: '受理登记 / record a call as a work order (invalid calls too; emergencies raise an alert)',
        body: receiveOrderSchema,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, hotlineDeskRoles);
      const order = await receiveOrder(deps, actor, request.body, options);
      return reply.status(201).send(await orderDetail(deps, actor, order.id));
    },
  );

  app.get(
    '/api/hotline/orders',
    {
      schema: {
        tags: ['hotline'],
        summary: '工单列表 / work orders the user may see (contacts masked by role)',
        querystring: pageQuerySchema.extend({
          queue: z.enum(['all', 'open', 'at_unit', 'overdue', 'to_callback']).default('all'),
          status: hotlineStatusSchema.optional(),
          appealType: appealTypeSchema.optional(),
          mine: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: only the orders the caller received (首接)'),
          phone: z.string().trim().max(20).optional(),
          orderNo: z.string().trim().max(30).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
      },
    },
    async (request) => listOrders(deps, requireActor(request), request.query),
  );

  app.get(
    '/api/hotline/orders/mine',
    {
      schema: {
        tags: ['hotline'],
        summary: '我的工单（首接责任）/ the agent’s own open orders with their progress',
        querystring: pageQuerySchema,
      },
    },
    async (request) => myOrders(deps, requireActor(request), request.query.page, request.query.pageSize),
  );

  app.get(
    '/api/hotline/orders/:id',
    {
      schema: {
        tags: ['hotline'],
        summary: '工单详情 / order with its log and allowed actions',
        params: idParams,
      },
    },
    async (request) => orderDetail(deps, requireActor(request), request.params.id),
  );

  app.post(
    '/api/hotline/orders/:id/actions',
    {
      schema: {
        tags: ['hotline'],
        summary:
          '工单流转 / move an order (直接答复, 转办, 签收, 退单, 办结, 延期, 回访, 归档, 催办, 督办, 并单, 转案件, 回复来电人)',
        params: idParams,
        body: orderActionSchema,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const moved = await actOnOrder(deps, actor, request.params.id, request.body);
      // A unit that returns an order no longer sees it.
      try {
        return await orderDetail(deps, actor, moved.id);
      } catch (error) {
        if (!(error instanceof AppError && error.status === 404)) throw error;
        return {
          id: moved.id,
          orderNo: moved.orderNo,
          status: moved.status,
          version: moved.version,
          visible: false,
        };
      }
    },
  );

  app.get(
    '/api/hotline/subjects',
    { schema: { tags: ['hotline'], summary: '诉求事项字典 / subjects, with their case-category mapping' } },
    async (request) => listSubjects(deps.db, requireActor(request)),
  );

  app.get(
    '/api/hotline/time-limits',
    { schema: { tags: ['hotline'], summary: '办理时限 / time limits by appeal type' } },
    async (request) => listTimeLimits(deps.db, requireActor(request)),
  );

  app.get(
    '/api/hotline/board',
    {
      schema: {
        tags: ['hotline'],
        summary: '联动单位办理情况 / unit board for a month (本月接件, 已办件, 在办件, 本月办结率)',
        querystring: z.object({ month: monthSchema, asOf: asOfQuery }),
      },
    },
    async (request) => unitBoardFor(deps, requireActor(request), request.query.month, request.query.asOf),
  );

  app.get(
    '/api/hotline/stats/monthly',
    {
      schema: {
        tags: ['hotline'],
        summary: '热线月度统计 / monthly figures (受理, 有效, 无效, 直接答复, 转办, 办结率, 类型, 满意率)',
        querystring: z.object({ month: monthSchema, asOf: asOfQuery }),
      },
    },
    async (request) =>
      monthlyFiguresFor(deps, requireActor(request), request.query.month, request.query.asOf),
  );

  app.get(
    '/api/hotline/articles',
    {
      schema: {
        tags: ['hotline'],
        summary: '知识库检索 / knowledge base search (Chinese word segmentation)',
        querystring: pageQuerySchema.extend({
          q: z.string().trim().max(200).optional(),
          validOn: z.iso.date().optional().describe('only articles valid on this date'),
        }),
      },
    },
    async (request) => searchKnowledge(deps.db, requireActor(request), request.query),
  );

  app.get(
    '/api/hotline/articles/:id',
    { schema: { tags: ['hotline'], summary: '知识库条目 / an article', params: idParams } },
    async (request) => getArticle(deps.db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/hotline/articles',
    { schema: { tags: ['hotline'], summary: '新增知识库条目 / add an article', body: articleInputSchema } },
    async (request, reply) =>
      reply.status(201).send(await createArticle(deps.db, requireActor(request), request.body, deps.now())),
  );

  app.put(
    '/api/hotline/articles/:id',
    {
      schema: {
        tags: ['hotline'],
        summary: '修改知识库条目 / edit an article',
        params: idParams,
        body: articleInputSchema.extend({ version: z.number().int().min(1) }),
      },
    },
    async (request) =>
      updateArticle(deps.db, requireActor(request), request.params.id, request.body, deps.now()),
  );

  app.get(
    '/api/hotline/alerts',
    {
      schema: {
        tags: ['hotline'],
        summary: '突发事件报警看板 / emergency alerts (open ones until acknowledged)',
        querystring: z.object({ open: z.enum(['true', 'false']).default('true') }),
      },
    },
    async (request) => {
      const actor = requireActor(request, [
        'hotline_agent',
        'shift_lead',
        'leader',
        'admin',
        'dispatcher',
        'acceptor',
      ]);
      return { items: await listAlerts(deps.db, actor, request.query.open === 'true') };
    },
  );

  app.post(
    '/api/hotline/alerts/:id/ack',
    {
      schema: {
        tags: ['hotline'],
        summary: '确认突发事件报警 / acknowledge an alert (duty leader or shift lead)',
        params: idParams,
        body: z.object({ note: z.string().trim().max(500).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request, ['shift_lead', 'leader']);
      return acknowledgeAlert(deps.db, actor, request.params.id, request.body.note, deps.now());
    },
  );
}
