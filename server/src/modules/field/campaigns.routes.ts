import { campaignEntrySchema, campaignSchema } from '@cityloop/contracts/field';
import { pageQuerySchema } from '@cityloop/contracts/pagination';
import type { Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import {
  addCampaignEntry,
  campaignCountsByDistrict,
  createCampaign,
  exportCampaignXlsx,
  getCampaign,
  listCampaignEntries,
  listCampaigns,
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
    { schema: { tags, summary: '专项行动列表 / campaigns' } },
    async (request) => ({
      items: await listCampaigns(deps.db, requireActor(request).cityCode),
    }),
  );
  app.get(
    '/api/field/campaigns/:id',
    { schema: { tags, summary: '专项行动 / a campaign with its fields and entry count', params: idParams } },
    async (request) => getCampaign(deps.db, requireActor(request).cityCode, request.params.id),
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
        summary: '专项行动清单 / a campaign’s entries',
        params: idParams,
        querystring: pageQuerySchema,
      },
    },
    async (request) =>
      listCampaignEntries(deps.db, requireActor(request, readers).cityCode, request.params.id, request.query),
  );
  app.get(
    '/api/field/campaigns/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出清单 / the entry list as Excel (for the media and the traffic police)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const file = await exportCampaignXlsx(deps, requireActor(request, readers), request.params.id);
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
