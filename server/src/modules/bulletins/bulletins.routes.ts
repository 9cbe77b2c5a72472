import { centreRoles, type Role } from '@cityloop/contracts/roles';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { figureReaderRoles, monthSchema } from '../statistics/index.js';
import {
  addBlockPhoto,
  type BulletinFormat,
  contentTypes,
  createBlock,
  exportBulletin,
  listBlocks,
  readBlockPhoto,
  removeBlock,
  removeBlockPhoto,
  reorderBlocks,
  updateBlock,
} from './bulletins.service.js';

/** Staff of the command hall write the bulletin's text. */
const writers: readonly Role[] = centreRoles;
const sectionSchema = z.enum(['work_news', 'district_news', 'team_news']);
const fileName = z
  .string()
  .regex(
    /^[0-9]{4}-(0[1-9]|1[0-2])\.(docx|xlsx|html|json)$/,
    'expected YYYY-MM.docx | .xlsx | .html | .json / 应为 YYYY-MM.docx、.xlsx、.html 或 .json',
  );

export function registerBulletinRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/bulletins/:file',
    {
      schema: {
        tags: ['bulletins'],
        summary:
          '月度简报 / the monthly bulletin as Word, Excel, a web page or the figures (e.g. 2019-07.docx)',
        params: z.object({ file: fileName }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, figureReaderRoles);
      const [month, format] = request.params.file.split('.') as [string, BulletinFormat];
      const bytes = await exportBulletin(deps, actor, month, format);
      reply.header('content-type', contentTypes[format]).header('cache-control', 'private, no-store');
      if (format === 'docx' || format === 'xlsx') {
        reply.header('content-disposition', `attachment; filename="bulletin-${month}.${format}"`);
      }
      return reply.send(bytes);
    },
  );

  app.get(
    '/api/bulletins/:month/blocks',
    {
      schema: {
        tags: ['bulletins'],
        summary: '简报文字 / the month’s text blocks (工作动态, 区县来风, 队伍风采)',
        params: z.object({ month: monthSchema }),
      },
    },
    async (request) => ({
      items: await listBlocks(
        deps.db,
        requireActor(request, figureReaderRoles).cityCode,
        request.params.month,
      ),
    }),
  );

  const blockBody = z.object({
    section: sectionSchema,
    title: z.string().max(200).optional(),
    body: z.string().trim().min(1).max(20_000),
    byline: z.string().max(200).optional(),
    seq: z.number().int().min(0).max(1000).optional(),
  });

  app.post(
    '/api/bulletins/:month/blocks',
    {
      schema: {
        tags: ['bulletins'],
        summary: '新增简报文字 / add a text block',
        params: z.object({ month: monthSchema }),
        body: blockBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createBlock(deps, requireActor(request, writers), request.params.month, request.body)),
  );

  app.put(
    '/api/bulletins/:month/blocks/order',
    {
      schema: {
        tags: ['bulletins'],
        summary: '调整简报文字顺序 / reorder a section’s blocks (all its block ids, in the new order)',
        params: z.object({ month: monthSchema }),
        body: z.object({ section: sectionSchema, ids: z.array(z.uuid()).min(1).max(200) }),
      },
    },
    async (request) => ({
      items: await reorderBlocks(
        deps,
        requireActor(request, writers),
        request.params.month,
        request.body.section,
        request.body.ids,
      ),
    }),
  );

  app.patch(
    '/api/bulletin-blocks/:id',
    {
      schema: {
        tags: ['bulletins'],
        summary: '修改简报文字 / edit a text block (version from the last read)',
        params: z.object({ id: z.uuid() }),
        body: blockBody.partial().extend({ version: z.number().int().positive() }),
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return updateBlock(deps, requireActor(request, writers), request.params.id, version, patch);
    },
  );

  app.delete(
    '/api/bulletin-blocks/:id',
    {
      schema: {
        tags: ['bulletins'],
        summary: '删除简报文字 / delete a text block',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      await removeBlock(deps, requireActor(request, writers), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/bulletin-blocks/:id/photos',
    {
      schema: {
        tags: ['bulletins'],
        summary: '上传简报照片 / add a photo to a text block (multipart, field "file")',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ caption: z.string().max(200).default('') }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, writers);
      if (!request.isMultipart()) {
        throw new AppError(415, 'MULTIPART_EXPECTED', {
          zh: '请以 multipart/form-data 上传照片',
          en: 'upload photos as multipart/form-data',
        });
      }
      const file = await request.file();
      if (!file) throw new AppError(400, 'NO_FILE', { zh: '没有收到文件', en: 'no file received' });
      const block = await addBlockPhoto(
        deps,
        actor,
        request.params.id,
        await file.toBuffer(),
        request.query.caption,
      );
      return reply.status(201).send(block);
    },
  );

  const photoParams = z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

  app.get(
    '/api/bulletin-blocks/:id/photos/:sha256',
    {
      schema: { tags: ['bulletins'], summary: '简报照片 / a text block’s photo', params: photoParams },
    },
    async (request, reply) => {
      const actor = requireActor(request, figureReaderRoles);
      const photo = await readBlockPhoto(deps, actor.cityCode, request.params.id, request.params.sha256);
      return reply
        .header('content-type', photo.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );

  app.delete(
    '/api/bulletin-blocks/:id/photos/:sha256',
    {
      schema: {
        tags: ['bulletins'],
        summary: '删除简报照片 / take a photo off a block',
        params: photoParams,
      },
    },
    async (request) =>
      removeBlockPhoto(deps, requireActor(request, writers), request.params.id, request.params.sha256),
  );
}
