import {
  caseKindSchema,
  caseSourceSchema,
  caseStatusSchema,
  extensionFilterSchema,
  queueSchema,
  reportCaseSchema,
  transitionSchema,
} from '@cityloop/contracts/cases';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import type { Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { collectorsForCase } from './case-collectors.service.js';
import { attachCasePhoto, readCasePhoto } from './case-media.service.js';
import {
  canSeeCase,
  caseDetail,
  caseQueueCounts,
  listCases,
  reportedCaseDetail,
} from './case-queries.service.js';
import { reportCase, transitionCase } from './cases.service.js';

const idParams = z.object({ id: z.uuid() });
const mediaStageSchema = z.enum(['report', 'dispose', 'check', 'before', 'after']);

export const caseListQuerySchema = pageQuerySchema.extend({
  queue: queueSchema.default('all'),
  status: caseStatusSchema.optional(),
  districtId: z.uuid().optional(),
  gridCode: z
    .string()
    .regex(/^[0-9]{15}$/)
    .optional(),
  categoryCode: z
    .string()
    .regex(/^[0-9]{4}$/)
    .optional(),
  kind: caseKindSchema.optional(),
  source: caseSourceSchema.optional(),
  unitId: z.uuid().optional(),
  from: z.iso.date().optional().describe('reported on or after this Shanghai date'),
  to: z.iso.date().optional().describe('reported on or before this Shanghai date'),
  caseNo: z.string().max(40).optional(),
  extension: extensionFilterSchema
    .optional()
    .describe('延期申请: pending = 待审批延期 (a request waits for approval), none = no request waiting'),
});

/** Who sends cases to 核实/核查 (request_verify, request_check) and so picks the collector. */
const taskSenders: readonly Role[] = ['acceptor', 'shift_lead'];

export function registerCaseRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '上报案件 / report a case (Idempotency-Key header makes retries safe)',
        body: reportCaseSchema,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }).loose(),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const key = request.headers['idempotency-key'];
      const result = await reportCase(deps, actor, request.body, typeof key === 'string' ? key : undefined);
      const detail = result.created
        ? reportedCaseDetail(deps, actor, result)
        : await caseDetail(deps, actor, result.case.id);
      return reply.status(result.created ? 201 : 200).send(detail);
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          '案件列表与队列 / case queues (待受理, 待核实, 待立案, 待派遣, 处置中, 待核查, 待结案, 超期)',
        querystring: caseListQuerySchema,
      },
    },
    async (request) => listCases(deps, requireActor(request), request.query),
  );

  app.get(
    '/api/cases/queues',
    { schema: { tags: ['cases'], summary: '各队列数量 / counts per queue for the current user' } },
    async (request) => caseQueueCounts(deps, requireActor(request)),
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: '案卷详情 / case with timeline, photos and allowed actions',
        params: idParams,
      },
    },
    async (request) => caseDetail(deps, requireActor(request), request.params.id),
  );

  app.get(
    '/api/cases/:id/collectors',
    {
      schema: {
        tags: ['cases'],
        summary:
          '核实/核查可选监督员 / the suggested collector for a 核实/核查 task and the collectors to choose from',
        params: idParams,
      },
    },
    async (request) => collectorsForCase(deps, requireActor(request, taskSenders), request.params.id),
  );

  app.post(
    '/api/cases/:id/transitions',
    {
      schema: {
        tags: ['cases'],
        summary:
          '案卷流转 / move a case (受理, 立案, 派遣, 回退, 延期, 处置, 核查, 返工, 结案, 挂账, 督办 …)',
        params: idParams,
        body: transitionSchema,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const moved = await transitionCase(deps, actor, request.params.id, request.body);
      // A unit that returns a case, or a collector who finishes a task, no longer sees it.
      if (!(await canSeeCase(deps, actor, moved.id))) {
        return {
          id: moved.id,
          caseNo: moved.caseNo,
          status: moved.status,
          version: moved.version,
          visible: false,
        };
      }
      return caseDetail(deps, actor, moved.id);
    },
  );

  app.post(
    '/api/cases/:id/photos',
    {
      schema: {
        tags: ['cases'],
        summary: '上传照片 / upload photos (multipart, field "file"; JPEG/PNG/WebP)',
        params: idParams,
        querystring: z.object({ stage: mediaStageSchema.default('report') }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) {
        throw new AppError(415, 'MULTIPART_EXPECTED', {
          zh: '请以 multipart/form-data 上传照片',
          en: 'upload photos as multipart/form-data',
        });
      }
      const saved = [];
      for await (const part of request.files()) {
        const bytes = await part.toBuffer();
        saved.push(await attachCasePhoto(deps, actor, request.params.id, request.query.stage, bytes));
      }
      if (saved.length === 0) {
        throw new AppError(400, 'NO_FILE', { zh: '没有收到文件', en: 'no file received' });
      }
      return reply.status(201).send({ items: saved });
    },
  );

  app.get(
    '/api/media/:id',
    {
      schema: {
        tags: ['cases'],
        summary: '查看照片 / a photo, for users who may see its case',
        params: idParams,
      },
    },
    async (request, reply) => {
      const photo = await readCasePhoto(deps, requireActor(request), request.params.id);
      return reply
        .header('content-type', photo.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );
}
