import {
  campaignEntryFilterSchema,
  campaignEntryPatchSchema,
  campaignEntrySchema,
  campaignSchema,
} from '@cityloop/contracts/field';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import type { Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { shanghaiDate } from '../../platform/time.js';
import { campaignCountsByDistrict, exportCampaignXlsx } from './campaign-reports.service.js';
import {
  addCampaignEntry,
  addEntryPhoto,
  createCampaign,
  entryScope,
  getCampaign,
  listCampaignEntries,
  listCampaigns,
  readEntryPhoto,
  setEntryFeatured,
} from './campaigns.service.js';
import {
  countCasesByTag,
  exportCasesByTag,
  listCategoryTags,
  setCategoryTag,
} from './category-tags.service.js';

const tags = ['field'];
const managers: readonly Role[] = ['shift_lead', 'admin'];
const readers: readonly Role[] = ['acceptor', 'shift_lead', 'dispatcher', 'admin', 'leader'];
const collectors: readonly Role[] = ['collector', 'acceptor', 'shift_lead'];
const idParams = z.object({ id: z.uuid() });
const entryParams = z.object({ id: z.uuid(), entryId: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function registerCampaignRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/field/campaigns',
    {
      schema: {
        tags,
        summary: '新建专项行动 / create a campaign with its extra fields',
        body: campaignSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCampaign(deps, requireActor(request, managers), request.body)),
  );
  app.get(
    '/api/field/campaigns',
    {
      schema: {
        tags,
        summary: '专项行动列表 / campaigns with their entry counts (active=true: those running today)',
        querystring: z.object({ active: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request) => ({
      items: await listCampaigns(
        deps.db,
        requireActor(request).cityCode,
        request.query.active === 'true' ? shanghaiDate(deps.now()) : undefined,
      ),
    }),
  );
  app.get(
    '/api/field/campaigns/:id',
    {
      schema: {
        tags,
        summary: '专项行动 / a campaign with its fields, entry count and counts by district',
        params: idParams,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return getCampaign(deps.db, actor.cityCode, request.params.id, entryScope(actor));
    },
  );
  app.post(
    '/api/field/campaigns/:id/entries',
    {
      schema: {
        tags,
        summary:
          '专项行动采集 / add an entry (checked against the campaign’s fields; Idempotency-Key makes retries safe)',
        params: idParams,
        body: campaignEntrySchema,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }).loose(),
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const result = await addCampaignEntry(
        deps,
        requireActor(request, collectors),
        request.params.id,
        request.body,
        typeof key === 'string' ? key : undefined,
      );
      return reply.status(result.created ? 201 : 200).send(result.entry);
    },
  );
  app.get(
    '/api/field/campaigns/:id/entries',
    {
      schema: {
        tags,
        summary: '专项行动清单 / a campaign’s entries (by district, Shanghai dates inclusive, 典型)',
        params: idParams,
        querystring: pageQuerySchema.extend(campaignEntryFilterSchema.shape),
      },
    },
    async (request) =>
      listCampaignEntries(deps.db, requireActor(request, readers), request.params.id, request.query),
  );
  app.patch(
    '/api/field/campaigns/:id/entries/:entryId',
    {
      schema: {
        tags,
        summary: '标记典型 / mark an entry 典型 (listed in the bulletin’s exposure table)',
        params: entryParams,
        body: campaignEntryPatchSchema,
      },
    },
    async (request) =>
      setEntryFeatured(
        deps,
        requireActor(request, managers),
        request.params.id,
        request.params.entryId,
        request.body.featured,
      ),
  );
  app.post(
    '/api/field/campaigns/:id/entries/:entryId/photos',
    {
      schema: {
        tags,
        summary: '上传采集照片 / add photos to an entry (multipart, field "file"; JPEG/PNG/WebP)',
        params: entryParams,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, collectors);
      if (!request.isMultipart()) {
        throw new AppError(415, 'MULTIPART_EXPECTED', {
          zh: '请以 multipart/form-data 上传照片',
          en: 'upload photos as multipart/form-data',
        });
      }
      const saved = [];
      for await (const part of request.files()) {
        const bytes = await part.toBuffer();
        saved.push(await addEntryPhoto(deps, actor, request.params.id, request.params.entryId, bytes));
      }
      if (saved.length === 0)
        throw new AppError(400, 'NO_FILE', { zh: '没有收到文件', en: 'no file received' });
      return reply.status(201).send({ items: saved });
    },
  );
  app.get(
    '/api/field/campaigns/:id/entries/:entryId/photos/:sha256',
    {
      schema: {
        tags,
        summary: '查看采集照片 / an entry’s photo',
        params: entryParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
    },
    async (request, reply) => {
      const { id, entryId, sha256 } = request.params;
      const photo = await readEntryPhoto(
        deps,
        requireActor(request, [...readers, 'collector']),
        id,
        entryId,
        sha256,
      );
      return reply
        .header('content-type', photo.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );
  app.get(
    '/api/field/campaigns/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出清单 / the entry list as Excel (for the media and the traffic police), as filtered',
        params: idParams,
        querystring: campaignEntryFilterSchema,
      },
    },
    async (request, reply) => {
      const file = await exportCampaignXlsx(
        deps,
        requireActor(request, readers),
        request.params.id,
        request.query,
      );
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(file.fileName))
        .send(file.bytes);
    },
  );
  app.get(
    '/api/field/reports/campaigns',
    {
      schema: {
        tags,
        summary: '专项行动分区统计 / entries per campaign and district in a month (for the bulletin)',
        querystring: z.object({ month: z.string().regex(/^[0-9]{4}-[0-9]{2}$/) }),
      },
    },
    async (request) => ({
      items: await campaignCountsByDistrict(
        deps.db,
        requireActor(request, readers).cityCode,
        request.query.month,
      ),
    }),
  );

  app.get(
    '/api/field/category-tags',
    { schema: { tags, summary: '类别标签 / tags on categories' } },
    async (request) => ({
      items: await listCategoryTags(deps.db, requireActor(request, readers).cityCode),
    }),
  );
  app.put(
    '/api/field/category-tags/:tag',
    {
      schema: {
        tags,
        summary: '设置类别标签 / set the categories of a tag (e.g. 文明城市测评)',
        params: z.object({ tag: z.string().trim().min(1).max(40) }),
        body: z.object({
          categories: z
            .array(z.object({ kind: z.enum(['event', 'part']), code: z.string().regex(/^[0-9]{4}$/) }))
            .max(500),
        }),
      },
    },
    async (request) =>
      setCategoryTag(deps, requireActor(request, ['admin']), request.params.tag, request.body.categories),
  );
  const rangeQuery = z.object({ from: z.iso.date(), to: z.iso.date() });
  app.get(
    '/api/field/category-tags/:tag/cases',
    {
      schema: {
        tags,
        summary: '标签案件统计 / cases of a tag’s categories by district (Shanghai dates, inclusive)',
        params: z.object({ tag: z.string().min(1).max(40) }),
        querystring: rangeQuery,
      },
    },
    async (request) =>
      countCasesByTag(
        deps.db,
        requireActor(request, readers).cityCode,
        request.params.tag,
        request.query.from,
        request.query.to,
      ),
  );
  app.get(
    '/api/field/category-tags/:tag/cases.xlsx',
    {
      schema: {
        tags,
        summary: '导出标签案件 / the cases of a tag as Excel',
        params: z.object({ tag: z.string().min(1).max(40) }),
        querystring: rangeQuery,
      },
    },
    async (request, reply) => {
      const file = await exportCasesByTag(
        deps,
        requireActor(request, readers),
        request.params.tag,
        request.query.from,
        request.query.to,
      );
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(file.fileName))
        .send(file.bytes);
    },
  );
}
