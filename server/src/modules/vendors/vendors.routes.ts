import { centreRoles, type Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { monthSchema } from '../statistics/index.js';
import {
  addInspection,
  addInspectionPhoto,
  contractAssessment,
  createContract,
  listContracts,
  listIndicators,
  listInspections,
  readInspectionPhoto,
  removeInspection,
  setAttendance,
  updateContract,
  updateIndicator,
} from './vendors.service.js';

const readers: readonly Role[] = [...centreRoles, 'leader'];
/** 考核人员: the centre's shift leads and administrators enter findings and edit the rules. */
const inspectors: readonly Role[] = ['shift_lead', 'admin'];
const checklistSchema = z.enum(['collection', 'hall', 'hotline']);
const money = z.number().min(0).max(10_000_000);

export function registerVendorRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/vendors/contracts',
    { schema: { tags: ['vendors'], summary: '外包合同 / contractors’ contracts' } },
    async (request) => ({ items: await listContracts(deps.db, requireActor(request, readers).cityCode) }),
  );

  app.post(
    '/api/vendors/contracts',
    {
      schema: {
        tags: ['vendors'],
        summary: '新增外包合同 / new contract (its checklist starts from the defaults)',
        body: z.object({
          checklist: checklistSchema,
          company: z.string().trim().min(1).max(100),
          packageName: z.string().trim().min(1).max(60),
          areaLabel: z.string().max(100).optional(),
          districtIds: z.array(z.uuid()).max(50).optional(),
          staffCount: z.number().int().min(0).max(100_000).optional(),
          dailyQuota: z.number().min(0).max(1000).optional(),
          personDayBasis: z.enum(['calendar', 'attended']).optional(),
          seq: z.number().int().min(0).max(1000).optional(),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createContract(deps.db, requireActor(request, ['admin']), request.body)),
  );

  app.patch(
    '/api/vendors/contracts/:id',
    {
      schema: {
        tags: ['vendors'],
        summary: '修改外包合同 / edit a contract (its checklist stays)',
        params: z.object({ id: z.uuid() }),
        body: z
          .object({
            company: z.string().trim().min(1).max(100),
            packageName: z.string().trim().min(1).max(60),
            areaLabel: z.string().max(100),
            districtIds: z.array(z.uuid()).max(50),
            staffCount: z.number().int().min(0).max(100_000),
            dailyQuota: z.number().min(0).max(1000),
            personDayBasis: z.enum(['calendar', 'attended']),
            seq: z.number().int().min(0).max(1000),
            active: z.boolean(),
          })
          .partial()
          .strict(),
      },
    },
    async (request) =>
      updateContract(deps.db, requireActor(request, ['admin']), request.params.id, request.body),
  );

  app.get(
    '/api/vendors/indicators',
    {
      schema: {
        tags: ['vendors'],
        summary: '考核指标 / checklist rows',
        querystring: z.object({ checklist: checklistSchema }),
      },
    },
    async (request) => ({
      items: await listIndicators(deps.db, requireActor(request, readers).cityCode, request.query.checklist),
    }),
  );

  app.patch(
    '/api/vendors/indicators/:id',
    {
      schema: {
        tags: ['vendors'],
        summary: '修改考核指标 / edit a checklist row',
        params: z.object({ id: z.uuid() }),
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            definition: z.string().max(2000),
            dataSource: z.string().max(200),
            ruleText: z.string().max(2000),
            threshold: z.number().nullable(),
            direction: z.enum(['min', 'max']).nullable(),
            step: z.number().positive().nullable(),
            moneyPerStep: money.nullable(),
            moneyPerOccurrence: money.nullable(),
            defaultResult: z.string().max(500),
            active: z.boolean(),
          })
          .partial(),
      },
    },
    async (request) =>
      updateIndicator(deps.db, requireActor(request, inspectors), request.params.id, request.body),
  );

  app.post(
    '/api/vendors/inspections',
    {
      schema: {
        tags: ['vendors'],
        summary: '录入考核记录 / an inspector’s finding with evidence',
        body: z.object({
          contractId: z.uuid(),
          month: monthSchema,
          indicatorCode: z.string().min(1).max(20),
          occurrences: z.number().int().min(0).max(10_000).optional(),
          measured: z.number().nullable().optional(),
          deduction: money.nullable().optional(),
          resultText: z.string().max(500).optional(),
          evidence: z.string().trim().min(1).max(2000),
        }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addInspection(deps.db, requireActor(request, inspectors), deps.now(), request.body)),
  );

  app.delete(
    '/api/vendors/inspections/:id',
    {
      schema: {
        tags: ['vendors'],
        summary: '撤销考核记录 / remove a finding entered in error',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      await removeInspection(deps.db, requireActor(request, inspectors), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/vendors/inspections/:id/photos',
    {
      schema: {
        tags: ['vendors'],
        summary: '上传考核证据照片 / add an evidence photo to a finding (multipart, field "file")',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, inspectors);
      if (!request.isMultipart()) {
        throw new AppError(415, 'MULTIPART_EXPECTED', {
          zh: '请以 multipart/form-data 上传照片',
          en: 'upload photos as multipart/form-data',
        });
      }
      const file = await request.file();
      if (!file) throw new AppError(400, 'NO_FILE', { zh: '没有收到文件', en: 'no file received' });
      const saved = await addInspectionPhoto(deps, actor, request.params.id, await file.toBuffer());
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/vendors/inspections/:id/photos/:sha256',
    {
      schema: {
        tags: ['vendors'],
        summary: '考核证据照片 / an evidence photo',
        params: z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, readers);
      const photo = await readInspectionPhoto(deps, actor.cityCode, request.params.id, request.params.sha256);
      return reply
        .header('content-type', photo.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );

  app.get(
    '/api/vendors/contracts/:id/inspections',
    {
      schema: {
        tags: ['vendors'],
        summary: '考核记录 / a contract’s findings in a month',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ month: monthSchema }),
      },
    },
    async (request) => ({
      items: await listInspections(
        deps.db,
        requireActor(request, readers).cityCode,
        request.params.id,
        request.query.month,
      ),
    }),
  );

  app.put(
    '/api/vendors/contracts/:id/attendance/:month',
    {
      schema: {
        tags: ['vendors'],
        summary: '出勤人天 / attended person-days of a month',
        params: z.object({ id: z.uuid(), month: monthSchema }),
        body: z.object({ personDays: z.number().positive().max(1_000_000) }),
      },
    },
    async (request) =>
      setAttendance(
        deps.db,
        requireActor(request, inspectors),
        request.params.id,
        request.params.month,
        request.body.personDays,
      ),
  );

  app.get(
    '/api/vendors/contracts/:id/assessment',
    {
      schema: {
        tags: ['vendors'],
        summary: '月度综合评价 / the month’s checklist result and deduction',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ month: monthSchema }),
      },
    },
    async (request) =>
      contractAssessment(
        deps.db,
        requireActor(request, readers).cityCode,
        request.params.id,
        request.query.month,
        {
          now: deps.now(),
        },
      ),
  );
}
