import { intakeFieldsSchema, intakeTokenSchema, machineSourceSchema } from '@cityloop/contracts/field';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import type { Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import {
  createIntakeToken,
  intakeDetection,
  listIntakeTokens,
  type MachineSource,
  machineIntakeCounts,
  resolveIntakeActor,
  revokeIntakeToken,
} from './intake.service.js';
import { intakesPage } from './intake-list.service.js';

const tags = ['field'];
const intakeReaders: readonly Role[] = ['acceptor', 'shift_lead', 'dispatcher', 'admin', 'leader'];

function registerIntake(app: App, deps: AppDeps, source: MachineSource) {
  app.post(
    `/api/intake/${source}`,
    {
      schema: {
        tags,
        summary:
          source === 'video'
            ? '视频监控发现案件 / a camera detection (multipart: fields deviceId, kind, categoryCode, lng, lat, capturedAt, description; file "frame")'
            : '无人机发现案件 / a drone detection (multipart: fields deviceId = flight id, kind, categoryCode, lng, lat, capturedAt, description; file "photo")',
        description:
          'Authenticate with header X-Intake-Token (a token made by an admin) or a 受理员/值班长 session. ' +
          '201: a new case in the 受理 queue. 200 with duplicate=true: an open case of the same category is ' +
          'within the configured distance and time window; nothing is filed.',
        headers: z.object({ 'x-intake-token': z.string().max(200).optional() }).loose(),
      },
    },
    async (request, reply) => {
      const header = request.headers['x-intake-token'];
      const { actor, tokenId } = await resolveIntakeActor(
        deps.db,
        typeof header === 'string' ? header : undefined,
        request.actor,
        source,
        request.ip,
      );
      if (!request.isMultipart()) {
        throw new AppError(415, 'MULTIPART_EXPECTED', {
          zh: '请以 multipart/form-data 上传',
          en: 'send the detection as multipart/form-data',
        });
      }
      const fields: Record<string, string> = {};
      let frame: Buffer | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') frame ??= await part.toBuffer();
        else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
      const parsed = intakeFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        const names = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
        throw new AppError(400, 'VALIDATION', {
          zh: `请求参数不合法：${names}`,
          en: `invalid request: ${names}`,
        });
      }
      if (!frame) {
        throw new AppError(400, 'NO_FILE', { zh: '缺少画面截图/照片', en: 'the frame or photo is missing' });
      }
      const outcome = await intakeDetection(deps, actor, tokenId, source, parsed.data, frame);
      return reply.status(outcome.duplicate || outcome.replayed ? 200 : 201).send(outcome);
    },
  );
}

export function registerIntakeRoutes(app: App, deps: AppDeps): void {
  registerIntake(app, deps, 'video');
  registerIntake(app, deps, 'drone');

  app.post(
    '/api/field/intake-tokens',
    {
      schema: {
        tags,
        summary:
          '新建接入令牌 / make an intake token for a camera platform or drone system (admin; shown once)',
        body: intakeTokenSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createIntakeToken(deps, requireActor(request, ['admin']), request.body)),
  );
  app.get(
    '/api/field/intake-tokens',
    { schema: { tags, summary: '接入令牌列表 / intake tokens (without the secrets)' } },
    async (request) => ({
      items: await listIntakeTokens(deps.db, requireActor(request, ['admin']).cityCode),
    }),
  );
  app.delete(
    '/api/field/intake-tokens/:id',
    {
      schema: { tags, summary: '停用接入令牌 / revoke an intake token', params: z.object({ id: z.uuid() }) },
    },
    async (request, reply) => {
      await revokeIntakeToken(deps, requireActor(request, ['admin']), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/field/intakes',
    {
      schema: {
        tags,
        summary:
          '视频/无人机接入记录 / machine detections with source, camera or flight id, and the filed or duplicated case (paged)',
        querystring: pageQuerySchema.extend({
          source: machineSourceSchema.optional(),
          duplicate: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          deviceId: z.string().trim().min(1).max(64).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, intakeReaders);
      const { items, total } = await intakesPage(deps.db, actor, request.query);
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
  app.get(
    '/api/field/reports/machine-intake',
    {
      schema: {
        tags,
        summary: '视频/无人机案件数 / detections per district and source in a month (filed and duplicates)',
        querystring: z.object({ month: z.string().regex(/^[0-9]{4}-[0-9]{2}$/) }),
      },
    },
    async (request) => {
      const actor = requireActor(request, intakeReaders);
      return { items: await machineIntakeCounts(deps.db, actor.cityCode, request.query.month) };
    },
  );
}
